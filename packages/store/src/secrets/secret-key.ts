import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SecretKeyError } from './secret-key-error.js';

export const SECRET_KEY_ENV = 'IDSYNC_SECRET_KEY';
const KEY_BYTES = 32;

/** An AES-256 key with its id: the first 8 hex digits of the key's SHA-256, safe to store and show. */
export interface SecretKey {
  readonly key: Buffer;
  readonly id: string;
}

export function secretKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * Reads a key given as raw bytes, 64 hex digits or base64 (standard or URL-safe) of 32 bytes.
 * `source` names where it came from, for the error.
 */
export function parseSecretKey(value: Buffer | string, source: string): SecretKey {
  let key: Buffer;
  if (Buffer.isBuffer(value)) key = value;
  else {
    const text = value.trim();
    key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  }
  if (key.length !== KEY_BYTES) {
    throw new SecretKeyError(
      `${source} must be a 32-byte key written as 64 hex digits or base64 (it decodes to ${key.length} bytes). ` +
        `Generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`,
    );
  }
  return { key: Buffer.from(key), id: secretKeyId(key) };
}

export function generateSecretKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** Where the embedded mode keeps its generated key, next to the PGlite data. */
export function keyFilePath(dataDir: string): string {
  return join(dataDir, 'secret.key');
}

/** The file a rotation writes the new key to before it commits (see `SecretKeyFile.rotate`). */
function nextKeyFilePath(dataDir: string): string {
  return join(dataDir, 'secret.key.next');
}

async function readKeyFile(path: string): Promise<SecretKey | undefined> {
  try {
    return parseSecretKey(await readFile(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The key file of the embedded mode. Generated (mode 0600) when missing. A rotation writes
 * the new key to `secret.key.next` before re-encrypting and renames it over `secret.key`
 * after the commit; a crash in between leaves both files, and `pending()` lets the store
 * settle which one the rows use.
 */
export class SecretKeyFile {
  constructor(private readonly dataDir: string) {}

  get path(): string {
    return keyFilePath(this.dataDir);
  }

  async loadOrCreate(): Promise<SecretKey> {
    const existing = await readKeyFile(this.path);
    if (existing) return existing;
    const key = generateSecretKey();
    // 'wx': never overwrite a key another process wrote a moment ago.
    try {
      await writeFile(this.path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const written = await readKeyFile(this.path);
      if (written) return written;
    }
    return { key, id: secretKeyId(key) };
  }

  /** The key of an interrupted rotation, if one was left behind. */
  pending(): Promise<SecretKey | undefined> {
    return readKeyFile(nextKeyFilePath(this.dataDir));
  }

  async prepareRotation(key: SecretKey): Promise<void> {
    await writeFile(nextKeyFilePath(this.dataDir), key.key.toString('base64') + '\n', { mode: 0o600 });
  }

  async completeRotation(): Promise<void> {
    await rename(nextKeyFilePath(this.dataDir), this.path);
  }

  async abandonRotation(): Promise<void> {
    await rm(nextKeyFilePath(this.dataDir), { force: true });
  }
}
