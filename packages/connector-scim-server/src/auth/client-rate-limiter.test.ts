import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ClientRateLimiter } from './client-rate-limiter.js';

describe('ClientRateLimiter', () => {
  it('allows a burst, then refuses with the seconds until the next token, then refills', () => {
    let now = 0;
    const limiter = new ClientRateLimiter(() => now);
    const limit = { requestsPerSecond: 2, burst: 3 };
    expect([1, 2, 3].map(() => limiter.take('a', limit).allowed)).toEqual([true, true, true]);
    expect(limiter.take('a', limit)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('b', limit).allowed).toBe(true);
    now += 500;
    expect(limiter.take('a', limit).allowed).toBe(true);
    expect(limiter.take('a', limit).allowed).toBe(false);
  });

  it('rounds Retry-After up to whole seconds for slow rates', () => {
    const limiter = new ClientRateLimiter(() => 0);
    const limit = { requestsPerSecond: 0.1, burst: 1 };
    limiter.take('a', limit);
    expect(limiter.take('a', limit)).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it('never allows more than burst + rate × elapsed requests', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 50, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 200 }),
        (rate, burst, gaps) => {
          let now = 0;
          const limiter = new ClientRateLimiter(() => now);
          let allowed = 0;
          for (const gap of gaps) {
            now += gap;
            if (limiter.take('c', { requestsPerSecond: rate, burst }).allowed) allowed++;
          }
          return allowed <= burst + (rate * now) / 1000 + 1e-9;
        },
      ),
    );
  });
});
