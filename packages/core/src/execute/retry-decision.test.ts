import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { backoffCeilingMs } from './backoff.js';
import type { ErrorClassification } from './classify-error.js';
import { decideRetry, type RetryPolicy } from './retry-decision.js';

const policy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1000,
  factor: 2,
  maxDelayMs: 8000,
  maxRetryTimeMs: 60_000,
};
const unavailable: ErrorClassification = {
  category: 'unavailable',
  retryable: true,
  connectionLevel: true,
  status: 503,
};
const conflict: ErrorClassification = {
  category: 'conflict',
  retryable: false,
  connectionLevel: false,
  status: 409,
};
const half = () => 0.5;

describe('decideRetry', () => {
  it('never retries a non-retryable failure', () => {
    expect(
      decideRetry(policy, { attempts: 1, elapsedMs: 0, classification: conflict, random: half }),
    ).toEqual({
      retry: false,
      reason: 'not-retryable',
    });
  });

  it('retries a retryable failure after a jittered backoff', () => {
    expect(
      decideRetry(policy, { attempts: 2, elapsedMs: 0, classification: unavailable, random: half }),
    ).toEqual({
      retry: true,
      delayMs: 1000, // half of the second retry's 2000 ms ceiling
    });
  });

  it('stops when the attempts are used up', () => {
    expect(
      decideRetry(policy, { attempts: 4, elapsedMs: 0, classification: unavailable, random: half }),
    ).toEqual({
      retry: false,
      reason: 'attempts-exhausted',
    });
  });

  it('lets a longer Retry-After win over the computed backoff, even beyond maxDelayMs', () => {
    const limited: ErrorClassification = {
      category: 'rate-limited',
      retryable: true,
      connectionLevel: false,
      retryAfterMs: 20_000,
    };
    expect(decideRetry(policy, { attempts: 1, elapsedMs: 0, classification: limited, random: half })).toEqual(
      {
        retry: true,
        delayMs: 20_000,
      },
    );
  });

  it('keeps the backoff when Retry-After is shorter', () => {
    const limited: ErrorClassification = {
      category: 'rate-limited',
      retryable: true,
      connectionLevel: false,
      retryAfterMs: 10,
    };
    expect(
      decideRetry(policy, { attempts: 3, elapsedMs: 0, classification: limited, random: () => 0.75 }),
    ).toEqual({
      retry: true,
      delayMs: 3000,
    });
  });

  it('gives up when the wait would end past the total retry budget', () => {
    const limited: ErrorClassification = {
      category: 'rate-limited',
      retryable: true,
      connectionLevel: false,
      retryAfterMs: 30_000,
    };
    expect(
      decideRetry(policy, { attempts: 1, elapsedMs: 40_000, classification: limited, random: half }),
    ).toEqual({
      retry: false,
      reason: 'retry-time-exhausted',
    });
  });

  it('always waits at least Retry-After and at most max(ceiling, Retry-After) (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: undefined }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempts, retryAfterMs, draw) => {
          const classification: ErrorClassification = {
            ...unavailable,
            ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
          };
          const decision = decideRetry(policy, {
            attempts,
            elapsedMs: 0,
            classification,
            random: () => draw,
          });
          expect(decision.retry).toBe(true);
          if (!decision.retry) return;
          expect(decision.delayMs).toBeGreaterThanOrEqual(retryAfterMs ?? 0);
          expect(decision.delayMs).toBeLessThanOrEqual(
            Math.max(backoffCeilingMs(attempts, policy), retryAfterMs ?? 0),
          );
        },
      ),
    );
  });
});
