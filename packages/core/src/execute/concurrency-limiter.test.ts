import { describe, expect, it } from '@jest/globals';
import { ConcurrencyLimiter, type ReleaseSlot } from './concurrency-limiter.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencyLimiter', () => {
  it('grants up to the limit at once and the rest in request order as slots are released', async () => {
    const limiter = new ConcurrencyLimiter(2);
    const granted: string[] = [];
    const releases = new Map<string, ReleaseSlot>();
    for (const name of ['a', 'b', 'c', 'd']) {
      void limiter.acquire().then((release) => {
        granted.push(name);
        releases.set(name, release);
      });
    }
    await settle();
    expect(granted).toEqual(['a', 'b']);
    expect(limiter.inFlight).toBe(2);
    expect(limiter.waiting).toBe(2);
    releases.get('b')!();
    await settle();
    expect(granted).toEqual(['a', 'b', 'c']);
    releases.get('a')!();
    await settle();
    expect(granted).toEqual(['a', 'b', 'c', 'd']);
  });

  it('ignores a second release of the same slot', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const release = await limiter.acquire();
    release();
    release();
    expect(limiter.inFlight).toBe(0);
    await limiter.acquire();
    expect(limiter.inFlight).toBe(1);
  });

  it('rejects an aborted waiter and does not give it a slot later', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const release = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    release();
    expect(limiter.inFlight).toBe(0);
  });

  it('admits more waiters at once when the limit is raised', async () => {
    const limiter = new ConcurrencyLimiter(1);
    await limiter.acquire();
    let grantedLater = 0;
    void limiter.acquire().then(() => grantedLater++);
    void limiter.acquire().then(() => grantedLater++);
    limiter.limit = 3;
    await settle();
    expect(grantedLater).toBe(2);
    expect(limiter.inFlight).toBe(3);
  });

  it('rejects a limit below 1 or not whole', () => {
    expect(() => new ConcurrencyLimiter(0)).toThrow(RangeError);
    expect(() => new ConcurrencyLimiter(1.5)).toThrow(/whole number of at least 1/);
  });
});
