import { describe, expect, it } from '@jest/globals';
import { manualClock } from '../test-support/fixtures.js';
import { FixedWindowLimiter } from './fixed-window-limiter.js';

describe('FixedWindowLimiter', () => {
  it('allows the budget, then refuses with the seconds left in the window, then allows again', () => {
    const clock = manualClock();
    const limiter = new FixedWindowLimiter({ requests: 2, windowMs: 10_000 }, clock.now);
    expect(limiter.take()).toEqual({ allowed: true });
    clock.advance(2_500);
    expect(limiter.take()).toEqual({ allowed: true });
    expect(limiter.take()).toEqual({ allowed: false, retryAfterSeconds: 8 });
    clock.advance(7_400);
    expect(limiter.take()).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(100);
    expect(limiter.take()).toEqual({ allowed: true });
  });

  it('refuses a configuration without a positive window', () => {
    expect(() => new FixedWindowLimiter({ requests: 5, windowMs: 0 }, Date.now)).toThrow(/windowMs > 0/);
  });
});
