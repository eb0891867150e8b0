import type { Clock, RateLimitOptions } from '../options/scim-target-options.js';

/** The verdict on one request: allowed, or refused with the seconds until the window resets. */
export type RateVerdict =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * A fixed-window counter: at most `requests` per `windowMs`, the window starting with the first
 * request after the previous one ended. Coarser than the token buckets vendors run, but it gives
 * what a client must handle — a 429 with a `Retry-After` that is right about when to come back.
 */
export class FixedWindowLimiter {
  private windowStart = Number.NEGATIVE_INFINITY;
  private used = 0;

  constructor(
    private readonly options: RateLimitOptions,
    private readonly clock: Clock,
  ) {
    if (!(options.requests >= 0) || !(options.windowMs > 0)) {
      throw new Error(
        `rateLimit needs requests >= 0 and windowMs > 0, got ${JSON.stringify(options)}; e.g. { requests: 10, windowMs: 1000 }.`,
      );
    }
  }

  take(): RateVerdict {
    const now = this.clock();
    if (now >= this.windowStart + this.options.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    if (this.used < this.options.requests) {
      this.used += 1;
      return { allowed: true };
    }
    const waitMs = this.windowStart + this.options.windowMs - now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}
