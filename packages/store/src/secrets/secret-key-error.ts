/**
 * A problem with the secret key or an encrypted secret: no key configured, a key that is not
 * 32 bytes, a secret encrypted with another key, or a ciphertext that fails authentication.
 * The message says what to do; it never contains a key or a secret value.
 */
export class SecretKeyError extends Error {
  override readonly name = 'SecretKeyError';
}
