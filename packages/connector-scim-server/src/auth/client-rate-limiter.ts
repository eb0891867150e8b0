import type { ScimRateLimit } from '../scim-server-options.js';

export type RateDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * One token bucket per client: it refills at `requestsPerSecond` up to `burst`, and each request
 * takes a token. An empty bucket answers how long until the next token, which becomes the
 * `Retry-After` of the 429. Shared by both protocol mounts, so /scim/v1 is no way around it.
 */
export class ClientRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  take(clientId: string, limit: ScimRateLimit): RateDecision {
    const rate = limit.requestsPerSecond;
    const capacity = Math.max(1, limit.burst ?? Math.ceil(rate));
    const now = this.now();
    const bucket = this.buckets.get(clientId) ?? { tokens: capacity, updatedAt: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate);
    bucket.updatedAt = now;
    this.buckets.set(clientId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const seconds = rate > 0 ? (1 - bucket.tokens) / rate : Number.POSITIVE_INFINITY;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Math.min(seconds, 86_400))) };
  }
}
