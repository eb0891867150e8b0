import type { ErrorCategory } from './error-category.js';
import type { ConnectionQuarantinedError } from './connection-quarantined-error.js';
import type { QuarantineInfo } from './connection-health.js';
import type { GiveUpReason } from './retry-decision.js';

interface ResultBase<T> {
  readonly connectionId: string;
  readonly operation: T;
  /** Position of the operation in its input stream: results arrive in completion order, this restores input order. */
  readonly index: number;
  /** Calls of the runner made for this operation (0 when skipped). */
  readonly attempts: number;
  /** When the operation was done with (clock milliseconds). */
  readonly finishedAt: number;
}

export interface SucceededResult<T, R> extends ResultBase<T> {
  readonly status: 'succeeded';
  /** What the runner returned on its successful attempt. */
  readonly result: R;
}

export interface FailedResult<T> extends ResultBase<T> {
  readonly status: 'failed';
  /** The last attempt's error. */
  readonly error: unknown;
  readonly category: ErrorCategory;
  /**
   * Why there was no further attempt: the error was not retryable, the attempts or the time
   * budget ran out, or the connection was quarantined while this operation waited to retry.
   */
  readonly gaveUp: GiveUpReason | 'quarantined';
}

export interface SkippedResult<T> extends ResultBase<T> {
  readonly status: 'skipped';
  readonly attempts: 0;
  /** Says why and what happens next; the record stage stores its message as the object's sync error. */
  readonly error: ConnectionQuarantinedError;
  readonly quarantine: QuarantineInfo;
}

/**
 * The outcome of one planned operation. Every operation that enters the executor yields
 * exactly one result — a failure or a quarantine skip is reported, never dropped — unless
 * the caller unsubscribes first.
 */
export type ExecutionResult<T, R> = SucceededResult<T, R> | FailedResult<T> | SkippedResult<T>;
