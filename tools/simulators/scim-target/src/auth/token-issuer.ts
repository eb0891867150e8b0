import { randomBytes } from 'node:crypto';
import type { Clock } from '../options/scim-target-options.js';

/** What a presented access token turned out to be. */
export type TokenState = 'valid' | 'expired' | 'unknown';

export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
}

/**
 * Issues and checks the bearer tokens of the OAuth client-credentials mode. Expiry is read from
 * the injected clock, so a test moves time forward instead of waiting for a token to expire.
 * Expired tokens are remembered so that the target can tell "expired" from "never issued",
 * as real authorisation servers do in their `error_description`.
 */
export class TokenIssuer {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
  ) {}

  issue(): IssuedToken {
    const accessToken = randomBytes(24).toString('base64url');
    this.expiries.set(accessToken, this.clock() + this.ttlSeconds * 1000);
    return { accessToken, expiresInSeconds: this.ttlSeconds };
  }

  check(token: string): TokenState {
    const expiry = this.expiries.get(token);
    if (expiry === undefined) return 'unknown';
    return this.clock() < expiry ? 'valid' : 'expired';
  }

  /** Invalidates every token issued so far (a key rotation on the vendor's side). */
  revokeAll(): void {
    this.expiries.clear();
  }
}
