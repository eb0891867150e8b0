/**
 * Connection secrets, encrypted at rest (AES-256-GCM with a key from the environment). The
 * store never returns ciphertext to callers and never logs plaintext.
 */
export interface SecretStore {
  put(connectionId: string, name: string, plaintext: string): Promise<void>;
  get(connectionId: string, name: string): Promise<string | undefined>;
  delete(connectionId: string, name?: string): Promise<void>;
  /** Re-encrypts every secret with a new key (documented key rotation). Returns how many were rotated. */
  rotate(newKey: Buffer): Promise<number>;
}
