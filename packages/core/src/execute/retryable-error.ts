import type { ErrorCategory } from './error-category.js';

/** The categories a {@link RetryableError} may carry: the ones worth trying again. */
export type RetryableCategory = Extract<ErrorCategory, 'rate-limited' | 'unavailable' | 'timeout'>;

export interface RetryableErrorOptions {
  /** Defaults to `unavailable`. */
  readonly category?: RetryableCategory;
  /** How long the store asked us to wait (its Retry-After), in milliseconds. */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

/**
 * Thrown by a runner to say plainly "this may work if tried again", for failures the generic
 * classification cannot recognise (a store-specific busy code, for instance). Carries the
 * store's Retry-After when it gave one.
 */
export class RetryableError extends Error {
  override readonly name = 'RetryableError';
  readonly category: RetryableCategory;
  readonly retryAfterMs?: number;

  constructor(message: string, options: RetryableErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.category = options.category ?? 'unavailable';
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}
