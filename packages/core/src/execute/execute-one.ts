import { lastValueFrom, of } from 'rxjs';
import type { ExecutionPolicyInput } from './execution-policy.js';
import type { Executor } from './executor.js';

/** One call against a store; `signal` is aborted on timeout or cancellation. */
export type StoreCall<R> = (signal: AbortSignal) => Promise<R>;

/**
 * Runs a single call through the executor — the connection's concurrency slots, token bucket,
 * retries with backoff and Retry-After, quarantine — and answers like the call itself would:
 * its result, or the last error once the executor gave up (a quarantine skip rejects with
 * `ConnectionQuarantinedError`). For reads whose caller needs the answer before going on
 * (planning), rather than a stream of results.
 */
export async function executeOne<R>(
  executor: Executor,
  connectionId: string,
  call: StoreCall<R>,
  policy?: ExecutionPolicyInput,
): Promise<R> {
  const result = await lastValueFrom(
    executor.execute(connectionId, of(call), (work, signal) => work(signal), policy),
  );
  if (result.status === 'succeeded') return result.result;
  throw result.error;
}
