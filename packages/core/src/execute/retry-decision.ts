import { fullJitterDelayMs, type BackoffPolicy } from './backoff.js';
import type { ErrorClassification } from './classify-error.js';

/** When and how often a failed operation is tried again. */
export interface RetryPolicy extends BackoffPolicy {
  /** Attempts in all, the first included (1 = never retry). */
  readonly maxAttempts: number;
  /**
   * Budget for the whole operation, from its first attempt: a retry whose wait would end
   * past it is not made. Bounds how long one object can hold a concurrency slot.
   */
  readonly maxRetryTimeMs: number;
}

/** Why an operation stopped being retried. */
export type GiveUpReason = 'not-retryable' | 'attempts-exhausted' | 'retry-time-exhausted';

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: GiveUpReason };

export interface RetryContext {
  /** Attempts made so far, the failed one included. */
  readonly attempts: number;
  /** Time since the first attempt started. */
  readonly elapsedMs: number;
  readonly classification: ErrorClassification;
  readonly random: () => number;
}

/**
 * Whether to retry after a failure, and after how long: full-jitter backoff, unless the store
 * sent Retry-After and it is longer — the store knows its own limits better than our guess,
 * so it wins even over `maxDelayMs`, but never over the total budget.
 */
export function decideRetry(policy: RetryPolicy, context: RetryContext): RetryDecision {
  if (!context.classification.retryable) return { retry: false, reason: 'not-retryable' };
  if (context.attempts >= policy.maxAttempts) return { retry: false, reason: 'attempts-exhausted' };
  const backoff = fullJitterDelayMs(context.attempts, policy, context.random);
  const delayMs = Math.max(backoff, context.classification.retryAfterMs ?? 0);
  if (context.elapsedMs + delayMs > policy.maxRetryTimeMs)
    return { retry: false, reason: 'retry-time-exhausted' };
  return { retry: true, delayMs };
}
