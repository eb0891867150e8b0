import { lastValueFrom, take, toArray, type Observable } from 'rxjs';
import { ConformanceFailure } from './conformance-failure.js';

/**
 * Everything a stream emits until it completes. A stream that emits more than `limit` items
 * is taken to be endless (a read that loops back to the first page, a change feed that never
 * completes) and fails the check instead of hanging the test run.
 */
export async function collectStream<T>(stream: Observable<T>, what: string, limit = 10_000): Promise<T[]> {
  const items = await lastValueFrom(stream.pipe(take(limit + 1), toArray()));
  if (items.length > limit) {
    throw new ConformanceFailure(
      `${what} emitted more than ${limit} items without completing. A read must complete after the last page; does it loop back to the start?`,
    );
  }
  return items;
}
