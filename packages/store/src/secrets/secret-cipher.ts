import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretKey } from './secret-key.js';
import { SecretKeyError } from './secret-key-error.js';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;

export interface EncryptedSecret {
  readonly iv: Buffer;
  readonly ciphertext: Buffer;
  readonly authTag: Buffer;
  readonly keyId: string;
}

/**
 * The connection id and name are bound in as additional authenticated data, so a ciphertext
 * copied onto another row does not decrypt there.
 */
function associatedData(connectionId: string, name: string): Buffer {
  return Buffer.from(JSON.stringify([connectionId, name]), 'utf8');
}

/** AES-256-GCM with a fresh random 12-byte IV for every encryption. */
export function encryptSecret(
  key: SecretKey,
  connectionId: string,
  name: string,
  plaintext: string,
): EncryptedSecret {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key.key, iv);
  cipher.setAAD(associatedData(connectionId, name));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv, ciphertext, authTag: cipher.getAuthTag(), keyId: key.id };
}

/**
 * Decrypts with the key whose id the row names. A row encrypted with another key is refused
 * with the key id it needs, before any decryption is tried, so a wrong key never yields a
 * garbled value; a failed authentication means the row was altered or damaged.
 */
export function decryptSecret(
  key: SecretKey,
  connectionId: string,
  name: string,
  secret: EncryptedSecret,
): string {
  const label = `Secret "${name}" of connection "${connectionId}"`;
  if (secret.keyId !== key.id) {
    throw new SecretKeyError(
      `${label} was encrypted with key id ${secret.keyId}, but the configured key has id ${key.id}; ` +
        'set IDSYNC_SECRET_KEY to that key or rotate.',
    );
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key.key, secret.iv);
    decipher.setAAD(associatedData(connectionId, name));
    decipher.setAuthTag(secret.authTag);
    return Buffer.concat([decipher.update(secret.ciphertext), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new SecretKeyError(
      `${label} failed authentication: its stored ciphertext was altered or damaged. Put the secret again.`,
      { cause: error },
    );
  }
}
