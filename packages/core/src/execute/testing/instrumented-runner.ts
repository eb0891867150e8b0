import type { Clock } from '../clock.js';
import { sleep } from '../sleep.js';

/** What the fake store does on one attempt of one operation. */
export interface ScriptedAttempt<R> {
  /** Virtual time the attempt takes before it answers (0 by default). */
  readonly durationMs?: number;
  /** Thrown at the end of the attempt instead of answering. */
  readonly error?: unknown;
  readonly result?: R;
}

/** Decides each attempt; `attempt` counts from 1 per operation. */
export type AttemptScript<T, R> = (operation: T, attempt: number) => ScriptedAttempt<R>;

/** One call of the runner as the fake store saw it. */
export interface RecordedAttempt<T> {
  readonly operation: T;
  readonly attempt: number;
  readonly startedAt: number;
  readonly signal: AbortSignal;
  endedAt?: number;
  outcome?: 'succeeded' | 'failed' | 'aborted';
}

/**
 * A runner for executor tests: answers per a script on virtual time and records every call,
 * how many ran at once, and the signal each got. Honours its abort signal like a real HTTP
 * client would.
 */
export class InstrumentedRunner<T, R = string> {
  readonly attempts: RecordedAttempt<T>[] = [];
  inFlight = 0;
  maxInFlight = 0;
  readonly #attemptCounts = new Map<T, number>();

  constructor(
    private readonly clock: Clock,
    private readonly script: AttemptScript<T, R>,
  ) {}

  readonly run = async (operation: T, signal: AbortSignal): Promise<R> => {
    const attempt = (this.#attemptCounts.get(operation) ?? 0) + 1;
    this.#attemptCounts.set(operation, attempt);
    const record: RecordedAttempt<T> = { operation, attempt, startedAt: this.clock.now(), signal };
    this.attempts.push(record);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const step = this.script(operation, attempt);
    try {
      await sleep(this.clock, step.durationMs ?? 0, signal);
    } catch (reason) {
      record.outcome = 'aborted';
      throw reason;
    } finally {
      this.inFlight--;
      record.endedAt = this.clock.now();
    }
    if (step.error !== undefined) {
      record.outcome = 'failed';
      throw step.error;
    }
    record.outcome = 'succeeded';
    return step.result as R;
  };

  /** The attempts made for one operation, in order. */
  attemptsOf(operation: T): RecordedAttempt<T>[] {
    return this.attempts.filter((recorded) => recorded.operation === operation);
  }
}
