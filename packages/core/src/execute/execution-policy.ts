import type { QuarantinePolicy } from './connection-quarantine.js';
import { InvalidExecutionPolicyError, type ExecutionPolicyIssue } from './invalid-execution-policy-error.js';
import type { RetryPolicy } from './retry-decision.js';
import type { RateLimit } from './token-bucket.js';

/** How one connection's operations are run. */
export interface ExecutionPolicy {
  /** Operations of this connection in flight at once (each with its retries). */
  readonly maxConcurrency: number;
  /** Request budget; absent means unlimited (a Retry-After still pauses the connection). */
  readonly rateLimit?: RateLimit;
  readonly retry: RetryPolicy;
  /** Limit on each attempt (each call of the runner); absent means none. */
  readonly timeoutMs?: number;
  /** Absent means a connection is never quarantined. */
  readonly quarantine?: QuarantinePolicy;
}

/** What callers write: every part optional, defaults filled in; `quarantine: false` turns it off. */
export interface ExecutionPolicyInput {
  readonly maxConcurrency?: number;
  readonly rateLimit?: RateLimit;
  readonly retry?: Partial<RetryPolicy>;
  readonly timeoutMs?: number;
  readonly quarantine?: Partial<QuarantinePolicy> | false;
}

export const DEFAULT_MAX_CONCURRENCY = 4;
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Five attempts over at most five minutes, waits growing 0.5 s, 1 s, 2 s… up to 30 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  factor: 2,
  maxDelayMs: 30_000,
  maxRetryTimeMs: 5 * 60_000,
};

export const DEFAULT_QUARANTINE_POLICY: QuarantinePolicy = { failureThreshold: 5, coolDownMs: 5 * 60_000 };

type Check = (value: number) => boolean;
const wholeAtLeastOne: Check = (value) => Number.isInteger(value) && value >= 1;
const wholeOrInfinite: Check = (value) => wholeAtLeastOne(value) || value === Number.POSITIVE_INFINITY;
const nonNegative: Check = (value) => value >= 0;
const positive: Check = (value) => value > 0;

function check(
  issues: ExecutionPolicyIssue[],
  key: string,
  value: number,
  ok: Check,
  expected: string,
): void {
  if (typeof value !== 'number' || Number.isNaN(value) || !ok(value)) {
    issues.push({
      key,
      problem: `is ${String(value)}, expected ${expected}.`,
      fix: `Set ${key} to ${expected}.`,
    });
  }
}

/** Fills in defaults and checks every number, so a bad setting fails before any operation runs. */
export function resolveExecutionPolicy(input: ExecutionPolicyInput = {}): ExecutionPolicy {
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...input.retry };
  const maxConcurrency = input.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
  const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const quarantine =
    input.quarantine === false ? undefined : { ...DEFAULT_QUARANTINE_POLICY, ...input.quarantine };

  const issues: ExecutionPolicyIssue[] = [];
  check(issues, 'maxConcurrency', maxConcurrency, wholeAtLeastOne, 'a whole number of at least 1');
  check(
    issues,
    'timeoutMs',
    timeoutMs,
    positive,
    'a number of milliseconds greater than 0 (Infinity for none)',
  );
  if (input.rateLimit) {
    check(issues, 'rateLimit.capacity', input.rateLimit.capacity, (value) => value >= 1, 'at least 1');
    check(
      issues,
      'rateLimit.refillPerSecond',
      input.rateLimit.refillPerSecond,
      positive,
      'a number greater than 0',
    );
  }
  check(
    issues,
    'retry.maxAttempts',
    retry.maxAttempts,
    wholeAtLeastOne,
    'a whole number of at least 1 (1 = never retry)',
  );
  check(
    issues,
    'retry.baseDelayMs',
    retry.baseDelayMs,
    nonNegative,
    'a number of milliseconds of at least 0',
  );
  check(issues, 'retry.factor', retry.factor, (value) => value >= 1, 'a number of at least 1');
  check(issues, 'retry.maxDelayMs', retry.maxDelayMs, nonNegative, 'a number of milliseconds of at least 0');
  check(
    issues,
    'retry.maxRetryTimeMs',
    retry.maxRetryTimeMs,
    nonNegative,
    'a number of milliseconds of at least 0',
  );
  if (quarantine) {
    check(
      issues,
      'quarantine.failureThreshold',
      quarantine.failureThreshold,
      wholeOrInfinite,
      'a whole number of at least 1',
    );
    check(
      issues,
      'quarantine.coolDownMs',
      quarantine.coolDownMs,
      nonNegative,
      'a number of milliseconds of at least 0',
    );
  }
  if (issues.length > 0) throw new InvalidExecutionPolicyError(issues);

  const policy: { -readonly [K in keyof ExecutionPolicy]: ExecutionPolicy[K] } = { maxConcurrency, retry };
  if (input.rateLimit) policy.rateLimit = input.rateLimit;
  if (Number.isFinite(timeoutMs)) policy.timeoutMs = timeoutMs;
  if (quarantine) policy.quarantine = quarantine;
  return policy;
}
