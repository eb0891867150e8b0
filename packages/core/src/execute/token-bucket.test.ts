import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ManualClock } from './manual-clock.js';
import { TokenBucket } from './token-bucket.js';

/** Starts `count` acquisitions at once and records the virtual time each one got its token. */
function acquireMany(bucket: TokenBucket, clock: ManualClock, count: number, signal?: AbortSignal): number[] {
  const grantedAt: number[] = [];
  for (let i = 0; i < count; i++)
    void bucket.acquire(signal).then(
      () => grantedAt.push(clock.now()),
      () => {},
    );
  return grantedAt;
}

describe('TokenBucket', () => {
  it('hands out the burst at once, then one token per refill interval', async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 2 }, clock);
    const grantedAt = acquireMany(bucket, clock, 7);
    await clock.runUntilIdle();
    expect(grantedAt).toEqual([0, 0, 0, 500, 1000, 1500, 2000]);
  });

  it('follows a per-minute limit such as Slack writes (180/min, burst 20)', async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket({ capacity: 20, refillPerSecond: 180 / 60 }, clock);
    const grantedAt = acquireMany(bucket, clock, 23);
    await clock.runUntilIdle();
    expect(grantedAt.slice(0, 20).every((at) => at === 0)).toBe(true);
    // 3 per second: one token every 333⅓ ms, each wait rounded up to the next whole millisecond.
    expect(grantedAt.slice(20)).toEqual([334, 667, 1000]);
  });

  it('refills while idle, but never beyond its capacity', async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 1 }, clock);
    expect(bucket.tryAcquire()).toBe(true);
    expect(bucket.tryAcquire()).toBe(true);
    expect(bucket.tryAcquire()).toBe(false);
    await clock.advanceBy(60_000);
    expect(bucket.availableTokens).toBe(2);
  });

  it('serves waiters first come, first served: a newcomer cannot jump the queue', async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 1 }, clock);
    const order: string[] = [];
    await bucket.acquire();
    void bucket.acquire().then(() => order.push('first'));
    await clock.advanceBy(999);
    expect(bucket.tryAcquire()).toBe(false);
    void bucket.acquire().then(() => order.push('second'));
    await clock.runUntilIdle();
    expect(order).toEqual(['first', 'second']);
  });

  it('pauses everything until the Retry-After time, then resumes without a burst', async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket({ capacity: 5, refillPerSecond: 10 }, clock);
    bucket.pauseUntil(30_000);
    expect(bucket.pausedUntil).toBe(30_000);
    expect(bucket.tryAcquire()).toBe(false);
    const grantedAt = acquireMany(bucket, clock, 3);
    await clock.runUntilIdle();
    expect(grantedAt).toEqual([30_000, 30_100, 30_200]);
    expect(bucket.pausedUntil).toBeUndefined();
  });

  it('keeps the longest of overlapping pauses', async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 1000 }, clock);
    bucket.pauseUntil(5_000);
    bucket.pauseUntil(2_000);
    const grantedAt = acquireMany(bucket, clock, 1);
    await clock.runUntilIdle();
    expect(grantedAt).toEqual([5_000]);
  });

  it('extends the wait of callers already queued when a pause arrives', async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 1 }, clock);
    await bucket.acquire();
    const grantedAt = acquireMany(bucket, clock, 1);
    await clock.advanceBy(100);
    bucket.pauseUntil(10_000);
    await clock.runUntilIdle();
    expect(grantedAt).toEqual([10_000]);
  });

  it('drops an aborted waiter and rejects it with the abort reason', async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 1 }, clock);
    await bucket.acquire();
    const controller = new AbortController();
    const waiting = bucket.acquire(controller.signal);
    controller.abort(new Error('unsubscribed'));
    await expect(waiting).rejects.toThrow('unsubscribed');
    expect(bucket.waiting).toBe(0);
    await clock.advanceBy(1000);
    expect(bucket.tryAcquire()).toBe(true); // the token it would have taken is still there
  });

  it('an unlimited bucket never makes anyone wait, yet still honours a pause', async () => {
    const clock = new ManualClock();
    const bucket = TokenBucket.unlimited(clock);
    const grantedAt = acquireMany(bucket, clock, 1000);
    await clock.settle();
    expect(grantedAt).toHaveLength(1000);
    bucket.pauseUntil(7_000);
    const afterPause = acquireMany(bucket, clock, 2);
    await clock.runUntilIdle();
    expect(afterPause).toEqual([7_000, 7_000]);
  });

  it('reconfigure applies the new rate to the next tokens', async () => {
    const clock = new ManualClock();
    const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 1 }, clock);
    await bucket.acquire();
    bucket.reconfigure({ capacity: 1, refillPerSecond: 10 });
    const grantedAt = acquireMany(bucket, clock, 2);
    await clock.runUntilIdle();
    expect(grantedAt).toEqual([100, 200]);
  });

  it('rejects a limit that could never hand out a token', () => {
    const clock = new ManualClock();
    expect(() => new TokenBucket({ capacity: 0, refillPerSecond: 1 }, clock)).toThrow(
      /capacity must be at least 1/,
    );
    expect(() => new TokenBucket({ capacity: 1, refillPerSecond: 0 }, clock)).toThrow(
      /refillPerSecond must be greater than 0/,
    );
  });

  it('never grants more than capacity + elapsed × rate in any window, and grants everyone (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 60 }),
        async (capacity, refillPerSecond, requests) => {
          const clock = new ManualClock();
          const bucket = new TokenBucket({ capacity, refillPerSecond }, clock);
          const grantedAt = acquireMany(bucket, clock, requests);
          await clock.runUntilIdle();
          expect(grantedAt).toHaveLength(requests);
          for (let first = 0; first < grantedAt.length; first++) {
            for (let last = first; last < grantedAt.length; last++) {
              const window = grantedAt[last]! - grantedAt[first]!;
              expect(last - first + 1).toBeLessThanOrEqual(
                capacity + (window * refillPerSecond) / 1000 + 1e-6,
              );
            }
          }
          // Liveness: no slower than the rate allows, give or take a millisecond of rounding per token.
          const extra = Math.max(0, requests - capacity);
          expect(clock.now()).toBeLessThanOrEqual(Math.ceil((extra * 1000) / refillPerSecond) + extra);
        },
      ),
      { numRuns: 60 },
    );
  });
});
