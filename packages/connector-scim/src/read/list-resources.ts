import { ConnectorError, type ObjectType, type RemoteObject } from '@idsync/core';
import { getCaseInsensitive } from '@idsync/scim';
import { Observable } from 'rxjs';
import type { ScimTarget } from '../scim-target.js';

export interface ListOptions {
  /** A filter already in the target's dialect. */
  readonly filter?: string;
  /** The most objects per emitted page. */
  readonly pageSize?: number;
}

/** One list response, read the same way for 1.1 and 2.0. */
interface ListPage {
  readonly objects: RemoteObject[];
  readonly totalResults: number | undefined;
  readonly nextCursor: string | undefined;
}

function count(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 ? number : undefined;
}

function readListPage(target: ScimTarget, type: ObjectType, body: unknown, what: string): ListPage {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ConnectorError(
      'invalid',
      `${what}: the target did not answer with a list response (a JSON object).`,
    );
  }
  const resources = getCaseInsensitive(body, 'Resources') ?? [];
  if (!Array.isArray(resources))
    throw new ConnectorError('invalid', `${what}: "Resources" of the list response is not an array.`);
  const cursor = getCaseInsensitive(body, 'nextCursor');
  return {
    objects: resources.map((resource) => target.decode(type, resource)),
    totalResults: count(getCaseInsensitive(body, 'totalResults')),
    nextCursor: typeof cursor === 'string' && cursor !== '' ? cursor : undefined,
  };
}

/**
 * Walks a resource endpoint page by page — `startIndex`/`count` (RFC 7644 §3.4.2.4), or AWS's
 * `cursor`/`nextCursor` — emitting pages no larger than asked, fetching the next page only
 * after the previous one was emitted, and stopping when the subscriber leaves. Index paging
 * goes on until a page comes back empty or `totalResults` is reached, never stopping at a
 * merely short page; a target that ignores `startIndex` (the same page again) is an error,
 * not an endless loop. Offset paging can skip or repeat an object written during the read;
 * SCIM offers nothing better, and the engine's full reconciliation tolerates it.
 */
export function listResources(
  target: ScimTarget,
  type: ObjectType,
  options: ListOptions = {},
): Observable<RemoteObject[]> {
  return new Observable<RemoteObject[]>((subscriber) => {
    const run = async (): Promise<void> => {
      const size = await target.pageSize(options.pageSize);
      const path = target.resourcePath(type);
      const emit = (objects: RemoteObject[]): void => {
        for (let start = 0; start < objects.length && !subscriber.closed; start += size) {
          subscriber.next(objects.slice(start, start + size));
        }
      };
      if (target.preset.paging === 'cursor') {
        let cursor = '';
        for (;;) {
          const query = { filter: options.filter, count: size, cursor };
          const response = await target.client.request('GET', path, { query });
          const page = readListPage(target, type, response.body, `GET ${path}`);
          emit(page.objects);
          if (subscriber.closed || page.nextCursor === undefined) break;
          cursor = page.nextCursor;
        }
      } else {
        let startIndex = 1;
        let previousIds = '';
        for (;;) {
          const query = { filter: options.filter, startIndex, count: size };
          const response = await target.client.request('GET', path, { query });
          const what = `GET ${path}?startIndex=${startIndex}`;
          const page = readListPage(target, type, response.body, what);
          const ids = page.objects.map((object) => object.remoteId).join('\n');
          if (startIndex > 1 && ids !== '' && ids === previousIds) {
            throw new ConnectorError(
              'invalid',
              `${what}: the target sent the previous page again; it seems to ignore startIndex, so the read cannot go on.`,
            );
          }
          emit(page.objects);
          startIndex += page.objects.length;
          if (subscriber.closed || page.objects.length === 0) break;
          if (page.totalResults !== undefined && startIndex > page.totalResults) break;
          previousIds = ids;
        }
      }
      subscriber.complete();
    };
    run().catch((error: unknown) => subscriber.error(error));
  });
}

/** Every object matching a filter, in one array: for `find`, whose results are few. */
export async function listAll(target: ScimTarget, type: ObjectType, filter: string): Promise<RemoteObject[]> {
  const found: RemoteObject[] = [];
  await new Promise<void>((resolve, reject) => {
    listResources(target, type, { filter }).subscribe({
      next: (page) => found.push(...page),
      error: reject,
      complete: resolve,
    });
  });
  return found;
}
