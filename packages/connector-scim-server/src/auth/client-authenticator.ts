import { createHash, timingSafeEqual } from 'node:crypto';
import type { ScimClientConfig } from '../scim-server-options.js';
import { parseSecretHash, secretMatches, type ParsedSecretHash } from './scim-secret-hash.js';

interface Credential {
  readonly client: ScimClientConfig;
  readonly hash: ParsedSecretHash;
}

/** Successful slow (scrypt) verifications remembered, so a Basic client does not pay scrypt per request. */
const VERIFIED_CACHE_SIZE = 1024;

/**
 * Finds the client a request's `Authorization` header belongs to. Bearer tokens are hashed and
 * compared with every configured token hash using `timingSafeEqual`, without stopping at the
 * first match, so the time taken says nothing about which token (or how much of one) matched.
 * Secrets never leave this class: nothing here logs or stores a presented credential in clear.
 */
export class ClientAuthenticator {
  private readonly tokens: Credential[] = [];
  private readonly basics = new Map<string, Credential[]>();
  /** sha256(hash text + secret) of scrypt verifications that succeeded → the client. */
  private readonly verified = new Map<string, ScimClientConfig>();

  constructor(clients: readonly ScimClientConfig[]) {
    const ids = new Set<string>();
    for (const client of clients) {
      if (!client.id) throw new Error('Every SCIM client needs an "id".');
      if (ids.has(client.id)) throw new Error(`SCIM client id "${client.id}" is configured twice.`);
      ids.add(client.id);
      const tokenHashes = client.bearerTokenHashes ?? [];
      if (tokenHashes.length === 0 && !client.basic) {
        throw new Error(
          `SCIM client "${client.id}" has no credentials; give it "bearerTokenHashes" or "basic".`,
        );
      }
      tokenHashes.forEach((text, index) => {
        this.tokens.push({
          client,
          hash: parseSecretHash(text, `clients["${client.id}"].bearerTokenHashes[${index}]`),
        });
      });
      if (client.basic) {
        const hash = parseSecretHash(client.basic.passwordHash, `clients["${client.id}"].basic.passwordHash`);
        const list = this.basics.get(client.basic.username) ?? [];
        list.push({ client, hash });
        this.basics.set(client.basic.username, list);
      }
    }
  }

  /** The client the header authenticates, or undefined for a missing, malformed or wrong credential. */
  authenticate(authorization: string | undefined): ScimClientConfig | undefined {
    if (!authorization) return undefined;
    const match = /^\s*(\S+)\s+(.+?)\s*$/.exec(authorization);
    if (!match) return undefined;
    const scheme = match[1]!.toLowerCase();
    if (scheme === 'bearer') return this.byToken(match[2]!);
    if (scheme === 'basic') return this.byBasic(match[2]!);
    return undefined;
  }

  /** Which schemes are configured at all, for ServiceProviderConfig and WWW-Authenticate. */
  schemes(): { bearer: boolean; basic: boolean } {
    return { bearer: this.tokens.length > 0, basic: this.basics.size > 0 };
  }

  private byToken(token: string): ScimClientConfig | undefined {
    const digest = createHash('sha256').update(token, 'utf8').digest();
    let found: ScimClientConfig | undefined;
    for (const credential of this.tokens) {
      if (credential.hash.algorithm !== 'sha256') continue;
      // Every hash is compared, also after a match, so timing does not reveal which token matched.
      if (timingSafeEqual(digest, credential.hash.digest) && !found) found = credential.client;
    }
    if (found) return found;
    for (const credential of this.tokens) {
      if (credential.hash.algorithm === 'scrypt' && this.slowMatch(token, credential))
        return credential.client;
    }
    return undefined;
  }

  private byBasic(encoded: string): ScimClientConfig | undefined {
    let decoded: string;
    try {
      decoded = Buffer.from(encoded, 'base64').toString('utf8');
    } catch {
      return undefined;
    }
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const candidates = this.basics.get(decoded.slice(0, colon)) ?? [];
    const password = decoded.slice(colon + 1);
    for (const credential of candidates) {
      const ok =
        credential.hash.algorithm === 'sha256'
          ? secretMatches(password, credential.hash)
          : this.slowMatch(password, credential);
      if (ok) return credential.client;
    }
    return undefined;
  }

  private slowMatch(secret: string, credential: Credential): boolean {
    const stored = credential.hash.algorithm === 'scrypt' ? credential.hash.key.toString('hex') : '';
    const key = createHash('sha256').update(stored).update('\0').update(secret, 'utf8').digest('hex');
    if (this.verified.get(key) === credential.client) return true;
    if (!secretMatches(secret, credential.hash)) return false;
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(key, credential.client);
    return true;
  }
}
