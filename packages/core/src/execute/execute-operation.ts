import { classifyError } from './classify-error.js';
import type { Clock } from './clock.js';
import type { ConnectionRuntime } from './connection-runtime.js';
import type { QuarantinePass } from './connection-quarantine.js';
import { ConnectionQuarantinedError } from './connection-quarantined-error.js';
import type { ExecutionPolicy } from './execution-policy.js';
import type { ExecutionResult } from './execution-result.js';
import { decideRetry } from './retry-decision.js';
import { runWithTimeout } from './run-with-timeout.js';
import { sleep } from './sleep.js';

/** Runs one operation against the store; must pass `signal` on to its I/O so cancellation reaches the wire. */
export type OperationRunner<T, R> = (operation: T, signal: AbortSignal) => Promise<R>;

export interface OperationContext<T, R> {
  readonly operation: T;
  readonly index: number;
  readonly run: OperationRunner<T, R>;
  readonly policy: ExecutionPolicy;
  readonly runtime: ConnectionRuntime;
  readonly clock: Clock;
  readonly random: () => number;
  /** Aborted when the caller unsubscribes: the promise then rejects and no result is produced. */
  readonly signal: AbortSignal;
}

/**
 * One operation from start to result: a concurrency slot, admission by the quarantine, then
 * attempts — each taking a token and bounded by the timeout — until success, a failure not
 * worth retrying, or an exhausted budget. Failures become results, so one bad object never
 * stops the stream; only cancellation rejects.
 */
export async function executeOperation<T, R>(
  context: OperationContext<T, R>,
): Promise<ExecutionResult<T, R>> {
  const { runtime, signal } = context;
  const release = await runtime.limiter.acquire(signal);
  try {
    const admission = await runtime.quarantine.admit(signal);
    if (!admission.admitted) {
      return {
        status: 'skipped',
        connectionId: runtime.connectionId,
        operation: context.operation,
        index: context.index,
        attempts: 0,
        finishedAt: context.clock.now(),
        error: new ConnectionQuarantinedError(admission.quarantine),
        quarantine: admission.quarantine,
      };
    }
    try {
      return await attemptUntilDone(context, admission.pass);
    } finally {
      admission.pass.abandoned(); // No-op when an outcome was reported; frees a probe otherwise.
    }
  } finally {
    release();
  }
}

async function attemptUntilDone<T, R>(
  context: OperationContext<T, R>,
  pass: QuarantinePass,
): Promise<ExecutionResult<T, R>> {
  const { runtime, clock, signal, policy } = context;
  const base = { connectionId: runtime.connectionId, operation: context.operation, index: context.index };
  let startedAt: number | undefined;
  for (let attempts = 1; ; attempts++) {
    await runtime.bucket.acquire(signal);
    // The budget runs from the first attempt, not from the wait for its token.
    startedAt ??= clock.now();
    try {
      const result = await runWithTimeout((attemptSignal) => context.run(context.operation, attemptSignal), {
        clock,
        signal,
        timeoutMs: policy.timeoutMs,
      });
      pass.succeeded();
      return { ...base, status: 'succeeded', attempts, finishedAt: clock.now(), result };
    } catch (error) {
      signal.throwIfAborted();
      const classification = classifyError(error);
      // The store's Retry-After holds back the whole connection, not just this operation.
      if (classification.retryAfterMs !== undefined)
        runtime.bucket.pauseUntil(clock.now() + classification.retryAfterMs);
      const decision = decideRetry(policy.retry, {
        attempts,
        elapsedMs: clock.now() - startedAt,
        classification,
        random: context.random,
      });
      const failed = {
        ...base,
        status: 'failed' as const,
        attempts,
        error,
        category: classification.category,
      };
      if (!decision.retry) {
        pass.failed(error, classification);
        return { ...failed, gaveUp: decision.reason, finishedAt: clock.now() };
      }
      await sleep(clock, decision.delayMs, signal);
      // Quarantined while this operation waited: adding load to a failing store helps nobody.
      if (!pass.probe && runtime.quarantine.health.state === 'quarantined') {
        return { ...failed, gaveUp: 'quarantined', finishedAt: clock.now() };
      }
    }
  }
}
