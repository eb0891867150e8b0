/**
 * An attempt took longer than the policy's `timeoutMs`. Its signal was aborted with this
 * error as the reason; the attempt counts as a (retryable) timeout.
 */
export class OperationTimeoutError extends Error {
  override readonly name = 'OperationTimeoutError';

  constructor(readonly timeoutMs: number) {
    super(
      `The operation did not finish within ${timeoutMs} ms and was aborted. ` +
        'If the store is just slow, raise the execution policy timeoutMs.',
    );
  }
}
