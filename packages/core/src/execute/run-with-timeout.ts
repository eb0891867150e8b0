import type { Clock } from './clock.js';
import { OperationTimeoutError } from './operation-timeout-error.js';

export interface RunWithTimeoutOptions {
  readonly clock: Clock;
  /** Aborting it aborts the work and rejects with its reason. */
  readonly signal: AbortSignal;
  /** Absent or infinite: no time limit. */
  readonly timeoutMs?: number;
}

/**
 * Runs `work` with its own AbortSignal, aborted either when the caller's signal aborts or
 * when `timeoutMs` passes (then with an {@link OperationTimeoutError} as reason). Settles at
 * once in both cases rather than waiting for `work` to notice: a runner that ignores its
 * signal cannot hold a concurrency slot forever, although its request may still be on the
 * wire — which is why runners should pass the signal down to their HTTP client.
 */
export function runWithTimeout<R>(
  work: (signal: AbortSignal) => Promise<R>,
  options: RunWithTimeoutOptions,
): Promise<R> {
  const { clock, signal, timeoutMs } = options;
  if (signal.aborted) return Promise.reject(signal.reason);
  const controller = new AbortController();
  return new Promise<R>((resolve, reject) => {
    const onAbort = () => {
      controller.abort(signal.reason);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const cancelTimer =
      timeoutMs !== undefined && Number.isFinite(timeoutMs)
        ? clock.setTimer(timeoutMs, () => {
            const timeout = new OperationTimeoutError(timeoutMs);
            controller.abort(timeout);
            reject(timeout);
          })
        : () => {};
    const cleanUp = () => {
      cancelTimer();
      signal.removeEventListener('abort', onAbort);
    };
    Promise.resolve()
      .then(() => work(controller.signal))
      .then(
        (value) => {
          cleanUp();
          resolve(value);
        },
        (error: unknown) => {
          cleanUp();
          reject(error);
        },
      );
  });
}
