import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { backoffCeilingMs, fullJitterDelayMs, type BackoffPolicy } from './backoff.js';

const policyArbitrary: fc.Arbitrary<BackoffPolicy> = fc.record({
  baseDelayMs: fc.integer({ min: 0, max: 10_000 }),
  factor: fc.double({ min: 1, max: 10, noNaN: true }),
  maxDelayMs: fc.integer({ min: 0, max: 600_000 }),
});

describe('backoffCeilingMs', () => {
  it('grows by the factor from the base and stops at the cap', () => {
    const policy = { baseDelayMs: 100, factor: 2, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5, 6, 50].map((retry) => backoffCeilingMs(retry, policy))).toEqual([
      100, 200, 400, 800, 1000, 1000, 1000,
    ]);
  });

  it('stays at the cap even when the exponent overflows', () => {
    expect(backoffCeilingMs(5000, { baseDelayMs: 1, factor: 10, maxDelayMs: 30_000 })).toBe(30_000);
  });

  it('never decreases from one retry to the next and never exceeds the cap (property)', () => {
    fc.assert(
      fc.property(policyArbitrary, fc.integer({ min: 1, max: 200 }), (policy, retry) => {
        const current = backoffCeilingMs(retry, policy);
        const next = backoffCeilingMs(retry + 1, policy);
        expect(next).toBeGreaterThanOrEqual(current);
        expect(current).toBeLessThanOrEqual(policy.maxDelayMs);
        expect(current).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('fullJitterDelayMs', () => {
  it('stays within [0, ceiling] for any random draw (property)', () => {
    fc.assert(
      fc.property(
        policyArbitrary,
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (policy, retry, draw) => {
          const delay = fullJitterDelayMs(retry, policy, () => draw);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(backoffCeilingMs(retry, policy));
          expect(Number.isInteger(delay)).toBe(true);
        },
      ),
    );
  });

  it('spans the whole window: a draw near 0 waits almost nothing, one near 1 almost the ceiling', () => {
    const policy = { baseDelayMs: 1000, factor: 2, maxDelayMs: 60_000 };
    expect(fullJitterDelayMs(3, policy, () => 0)).toBe(0);
    expect(fullJitterDelayMs(3, policy, () => 0.5)).toBe(2000);
    expect(fullJitterDelayMs(3, policy, () => 0.99999)).toBe(3999);
  });

  it('clamps a random source that misbehaves, so the cap still holds', () => {
    const policy = { baseDelayMs: 100, factor: 2, maxDelayMs: 150 };
    expect(fullJitterDelayMs(4, policy, () => 7)).toBe(150);
    expect(fullJitterDelayMs(4, policy, () => -3)).toBe(0);
  });
});
