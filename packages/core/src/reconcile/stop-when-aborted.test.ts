import { describe, expect, it } from '@jest/globals';
import { abortReason, stopWhenAborted } from './stop-when-aborted.js';

/** A paged source that records how many pages were read and whether it was closed. */
function source(pages: number) {
  const seen = { read: 0, closed: false };
  async function* generate() {
    try {
      for (let page = 0; page < pages; page++) {
        seen.read++;
        yield [page];
      }
    } finally {
      seen.closed = true;
    }
  }
  return { seen, pages: generate() };
}

describe('stopWhenAborted', () => {
  it('passes every page through when there is no signal or it never aborts', async () => {
    for (const signal of [undefined, new AbortController().signal]) {
      const { pages } = source(3);
      const got: number[][] = [];
      for await (const page of stopWhenAborted(pages, signal)) got.push(page);
      expect(got).toEqual([[0], [1], [2]]);
    }
  });

  it('reads no page after the abort and closes the source', async () => {
    const { seen, pages } = source(10);
    const controller = new AbortController();
    const got: number[][] = [];
    for await (const page of stopWhenAborted(pages, controller.signal)) {
      got.push(page);
      if (got.length === 2) controller.abort('the server is shutting down');
    }
    expect(got).toEqual([[0], [1]]);
    expect(seen.read).toBe(2);
    expect(seen.closed).toBe(true);
  });

  it('yields nothing for a signal aborted before the first page', async () => {
    const { seen, pages } = source(5);
    const got: unknown[] = [];
    for await (const page of stopWhenAborted(pages, AbortSignal.abort())) got.push(page);
    expect(got).toEqual([]);
    expect(seen.read).toBe(0);
  });
});

describe('abortReason', () => {
  it('uses a reason given as text or as an error, and says something plain otherwise', () => {
    const text = new AbortController();
    text.abort('the server is shutting down');
    expect(abortReason(text.signal)).toBe('the server is shutting down');
    const error = new AbortController();
    error.abort(new Error('grace period over'));
    expect(abortReason(error.signal)).toBe('grace period over');
    expect(abortReason(AbortSignal.abort())).toBe('it was asked to stop');
  });
});
