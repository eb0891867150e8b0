import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_QUARANTINE_POLICY,
  DEFAULT_RETRY_POLICY,
  resolveExecutionPolicy,
} from './execution-policy.js';
import { InvalidExecutionPolicyError } from './invalid-execution-policy-error.js';

describe('resolveExecutionPolicy', () => {
  it('fills in defaults, keeping what was given', () => {
    const policy = resolveExecutionPolicy({ maxConcurrency: 8, retry: { maxAttempts: 2 } });
    expect(policy.maxConcurrency).toBe(8);
    expect(policy.retry).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 2 });
    expect(policy.quarantine).toEqual(DEFAULT_QUARANTINE_POLICY);
    expect(policy.rateLimit).toBeUndefined();
    expect(policy.timeoutMs).toBeGreaterThan(0);
  });

  it('turns quarantine off with false and the timeout off with Infinity', () => {
    const policy = resolveExecutionPolicy({ quarantine: false, timeoutMs: Number.POSITIVE_INFINITY });
    expect(policy.quarantine).toBeUndefined();
    expect(policy.timeoutMs).toBeUndefined();
  });

  it('lists every bad setting with its key and a fix', () => {
    let thrown: unknown;
    try {
      resolveExecutionPolicy({
        maxConcurrency: 2.5,
        timeoutMs: 0,
        rateLimit: { capacity: 0, refillPerSecond: -1 },
        retry: { maxAttempts: 0, baseDelayMs: Number.NaN },
        quarantine: { failureThreshold: 0, coolDownMs: -5 },
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidExecutionPolicyError);
    const error = thrown as InvalidExecutionPolicyError;
    expect(error.issues.map((issue) => issue.key)).toEqual([
      'maxConcurrency',
      'timeoutMs',
      'rateLimit.capacity',
      'rateLimit.refillPerSecond',
      'retry.maxAttempts',
      'retry.baseDelayMs',
      'quarantine.failureThreshold',
      'quarantine.coolDownMs',
    ]);
    expect(error.message).toContain(
      'maxConcurrency: is 2.5, expected a whole number of at least 1. Set maxConcurrency to',
    );
  });
});
