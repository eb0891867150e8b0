/**
 * The pages of a read until `signal` aborts: the page being planned when it does is the last,
 * and no further page is read. Wraps the read stages without changing them, so a run asked to
 * stop plans no more than it has started.
 */
export async function* stopWhenAborted<T>(
  pages: AsyncIterable<T>,
  signal: AbortSignal | undefined,
): AsyncGenerator<T> {
  if (!signal) {
    yield* pages;
    return;
  }
  const iterator = pages[Symbol.asyncIterator]();
  try {
    while (!signal.aborted) {
      const next = await iterator.next();
      if (next.done || signal.aborted) return;
      yield next.value;
    }
  } finally {
    // Lets the source close what it holds (a store cursor, an open generator).
    await iterator.return?.();
  }
}

/** Why a run was asked to stop, in words for its record: the abort reason when it gives one. */
export function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (typeof reason === 'string' && reason) return reason;
  if (reason instanceof Error && reason.name !== 'AbortError' && reason.message) return reason.message;
  return 'it was asked to stop';
}
