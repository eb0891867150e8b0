import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * How client secrets (bearer tokens, Basic passwords) are kept in configuration: never in clear.
 *
 * - `sha256:<hex>` for generated tokens: they carry enough entropy that a fast hash is safe, and
 *   a fast hash keeps every request cheap.
 * - `scrypt:<N>:<r>:<p>:<salt>:<key>` (base64url salt and key) for passwords a person chose,
 *   where a slow, salted hash is what stands between a leaked config and the password.
 */
export type ScimSecretAlgorithm = 'sha256' | 'scrypt';

const SCRYPT_PARAMETERS = { N: 16384, r: 8, p: 1 } as const;
const SCRYPT_KEY_LENGTH = 32;

/** Hashes a secret for a client's configuration (`bearerTokenHashes`, `basic.passwordHash`). */
export function hashScimSecret(secret: string, algorithm: ScimSecretAlgorithm = 'sha256'): string {
  if (secret.length === 0) throw new Error('A SCIM client secret must not be empty.');
  if (algorithm === 'sha256') return `sha256:${sha256Hex(secret)}`;
  const salt = randomBytes(16);
  const { N, r, p } = SCRYPT_PARAMETERS;
  const key = scryptSync(secret, salt, SCRYPT_KEY_LENGTH, { N, r, p });
  return `scrypt:${N}:${r}:${p}:${salt.toString('base64url')}:${key.toString('base64url')}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A parsed hash, ready to be compared against presented secrets. */
export type ParsedSecretHash =
  | { readonly algorithm: 'sha256'; readonly digest: Buffer }
  | {
      readonly algorithm: 'scrypt';
      readonly N: number;
      readonly r: number;
      readonly p: number;
      readonly salt: Buffer;
      readonly key: Buffer;
    };

/** Reads a stored hash; throws an Error naming the expected forms when it is malformed. */
export function parseSecretHash(text: string, where: string): ParsedSecretHash {
  const sha = /^sha256:([0-9a-f]{64})$/i.exec(text);
  if (sha) return { algorithm: 'sha256', digest: Buffer.from(sha[1]!, 'hex') };
  const scrypt = /^scrypt:(\d+):(\d+):(\d+):([A-Za-z0-9_-]+):([A-Za-z0-9_-]+)$/.exec(text);
  if (scrypt) {
    return {
      algorithm: 'scrypt',
      N: Number(scrypt[1]),
      r: Number(scrypt[2]),
      p: Number(scrypt[3]),
      salt: Buffer.from(scrypt[4]!, 'base64url'),
      key: Buffer.from(scrypt[5]!, 'base64url'),
    };
  }
  throw new Error(
    `${where} is not a secret hash; expected "sha256:<64 hex digits>" or "scrypt:N:r:p:salt:key" — create one with hashScimSecret(secret).`,
  );
}

/** Compares a presented secret with a parsed hash in constant time (for equal-length digests). */
export function secretMatches(secret: string, hash: ParsedSecretHash): boolean {
  if (hash.algorithm === 'sha256') {
    return timingSafeEqual(createHash('sha256').update(secret, 'utf8').digest(), hash.digest);
  }
  const key = scryptSync(secret, hash.salt, hash.key.length, {
    N: hash.N,
    r: hash.r,
    p: hash.p,
    maxmem: 256 * hash.N * hash.r + 1024 * 1024,
  });
  return timingSafeEqual(key, hash.key);
}
