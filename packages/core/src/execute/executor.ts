import { defer, mergeMap, Observable, skip, Subject } from 'rxjs';
import { systemClock, type Clock } from './clock.js';
import type { ConnectionHealth } from './connection-health.js';
import { ConnectionRuntime } from './connection-runtime.js';
import { executeOperation, type OperationRunner } from './execute-operation.js';
import { resolveExecutionPolicy, type ExecutionPolicyInput } from './execution-policy.js';
import type { ExecutionResult } from './execution-result.js';
import { reportWaits, type ExecutionWait } from './execution-waits.js';

export interface ExecutorOptions {
  /** Time source for rate limiting, backoff, timeouts and cool-downs; a ManualClock in tests. */
  readonly clock?: Clock;
  /** Jitter source in [0, 1); injectable so tests can pin or bound it. */
  readonly random?: () => number;
}

/**
 * The execute stage: runs planned operations against a connection's store, at most
 * `maxConcurrency` at a time, within the connection's rate limit, retrying what is worth
 * retrying, isolating failures to their object and quarantining a connection that keeps
 * failing as a whole. Connections are independent: each has its own slots, bucket and
 * quarantine, kept for the executor's lifetime.
 */
export class Executor {
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #runtimes = new Map<string, ConnectionRuntime>();
  readonly #healthChanges = new Subject<ConnectionHealth>();
  readonly #waits = new Subject<ExecutionWait>();

  constructor(options: ExecutorOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
  }

  /** Every health change of every connection, for the engine's sync status. */
  get healthChanges$(): Observable<ConnectionHealth> {
    return this.#healthChanges.asObservable();
  }

  /**
   * Runs each operation of `operations$` with `run` and emits one result per operation.
   * Results come in completion order, not input order (each carries its input `index`).
   * Nothing starts until subscription; unsubscribing aborts the signal of every attempt in
   * flight and stops all waiting. The policy is checked on subscription (an invalid one
   * errors the stream before any operation runs) and becomes the connection's policy, also
   * for other streams running against it.
   */
  execute<T, R>(
    connectionId: string,
    operations$: Observable<T>,
    run: OperationRunner<T, R>,
    policyInput?: ExecutionPolicyInput,
  ): Observable<ExecutionResult<T, R>> {
    return defer(() => {
      const policy = resolveExecutionPolicy(policyInput);
      const runtime = this.#runtime(connectionId);
      runtime.apply(policy);
      return operations$.pipe(
        mergeMap(
          (operation, index) =>
            new Observable<ExecutionResult<T, R>>((subscriber) => {
              const controller = new AbortController();
              let settled = false;
              executeOperation({
                operation,
                index,
                run,
                policy,
                runtime,
                clock: this.#clock,
                random: this.#random,
                signal: controller.signal,
              }).then(
                (result) => {
                  settled = true;
                  subscriber.next(result);
                  subscriber.complete();
                },
                (error: unknown) => {
                  settled = true;
                  if (!controller.signal.aborted) subscriber.error(error);
                },
              );
              return () => {
                if (!settled) controller.abort();
              };
            }),
          policy.maxConcurrency,
        ),
      );
    });
  }

  /** Every wait that took time — for a concurrency slot, a rate-limit token, a Retry-After — for metrics. */
  get waits$(): Observable<ExecutionWait> {
    return this.#waits.asObservable();
  }

  /** The connection's current health (healthy for one never seen). */
  health(connectionId: string): ConnectionHealth {
    return this.#runtime(connectionId).quarantine.health;
  }

  /** The connection's health now and on every change. */
  health$(connectionId: string): Observable<ConnectionHealth> {
    return this.#runtime(connectionId).quarantine.health$;
  }

  /** Ends a quarantine at once, for an operator who fixed the cause. */
  liftQuarantine(connectionId: string): void {
    this.#runtime(connectionId).quarantine.lift();
  }

  #runtime(connectionId: string): ConnectionRuntime {
    let runtime = this.#runtimes.get(connectionId);
    if (!runtime) {
      runtime = new ConnectionRuntime(connectionId, resolveExecutionPolicy(), this.#clock);
      runtime.quarantine.health$.pipe(skip(1)).subscribe(this.#healthChanges);
      reportWaits(runtime, this.#clock, (wait) => this.#waits.next(wait));
      this.#runtimes.set(connectionId, runtime);
    }
    return runtime;
  }
}
