import { describe, it } from '@jest/globals';
import { ConnectorError, type ObjectType, type RemoteObject } from '@idsync/core';
import type { FilterNode } from '@idsync/scim';
import { concat, lastValueFrom, map, Observable, repeat, toArray } from 'rxjs';
import { brokenReference as broken, expectCaught } from './testing/broken-reference.js';

type Read = (type: ObjectType, options?: { pageSize?: number }) => Observable<readonly RemoteObject[]>;

describe('the suite catches broken reads', () => {
  it('a read that drops its last page', async () => {
    const options = broken((connector) => ({
      read: ((type, readOptions) =>
        new Observable<readonly RemoteObject[]>((subscriber) => {
          let held: readonly RemoteObject[] | undefined;
          return connector.read(type, readOptions).subscribe({
            next: (page) => {
              if (held) subscriber.next(held);
              held = page;
            },
            error: (error: unknown) => subscriber.error(error),
            complete: () => subscriber.complete(),
          });
        })) as Read,
    }));
    await expectCaught(
      'paging.every-object-once',
      options,
      /did not return 1 of the 5 objects.*stop at a short page or drop the last one/s,
    );
  });

  it('a read that ignores the page size asked for', async () => {
    const options = broken((connector) => ({
      read: ((type) => connector.read(type, { pageSize: 50 })) as Read,
    }));
    await expectCaught(
      'paging.every-object-once',
      options,
      /page 0 with 5 objects, more than 2 \(the page size asked for\)/,
    );
  });

  it('a read that returns the first page again at the end (offset paging gone wrong)', async () => {
    const options = broken((connector) => ({
      read: ((type, readOptions) =>
        new Observable<readonly RemoteObject[]>((subscriber) => {
          const pages: (readonly RemoteObject[])[] = [];
          return connector.read(type, readOptions).subscribe({
            next: (page) => {
              pages.push(page);
              subscriber.next(page);
            },
            error: (error: unknown) => subscriber.error(error),
            complete: () => {
              if (pages[0]) subscriber.next(pages[0]);
              subscriber.complete();
            },
          });
        })) as Read,
    }));
    await expectCaught('paging.every-object-once', options, /returned "[^"]+" twice \(pages 0 and 3\)/);
  });

  it('a read that starts over after the last page', async () => {
    const options = broken((connector) => ({
      read: ((type, readOptions) => connector.read(type, readOptions).pipe(repeat())) as Read,
    }));
    await expectCaught(
      'paging.every-object-once',
      options,
      /^read\("User", \{ pageSize: 2 \}\) emitted more than 10000 items without completing.*loop back/,
    );
  });

  it('a read that never completes', async () => {
    const options = broken((connector) => ({
      read: ((type, readOptions) =>
        concat(
          connector.read(type, readOptions),
          new Observable<readonly RemoteObject[]>((subscriber) => {
            while (!subscriber.closed) subscriber.next([]);
          }),
        )) as Read,
    }));
    await expectCaught(
      'paging.every-object-once',
      options,
      /^read\("User", \{ pageSize: 2 \}\) emitted more than 10000 items without completing/,
    );
  });

  it('a read that emits single objects instead of pages', async () => {
    const options = broken((connector) => ({
      read: ((type, readOptions) =>
        connector
          .read(type, readOptions)
          .pipe(map((page) => page[0] as unknown as readonly RemoteObject[]))) as Read,
    }));
    await expectCaught('capabilities.object-types-readable', options, /must be an array of RemoteObjects/);
  });

  it('a read that labels groups as users', async () => {
    const options = broken((connector) => ({
      read: ((_type, readOptions) => connector.read('User', readOptions)) as Read,
    }));
    await expectCaught('capabilities.object-types-readable', options, /type "User"; expected "Group"/);
  });
});

describe('the suite catches broken lookups', () => {
  it('a to-canonical mapping that loses an attribute', async () => {
    const options = broken((connector) => ({
      get: async (type: ObjectType, remoteId: string) => {
        const found = await connector.get(type, remoteId);
        if (!found) return found;
        const { emails: _lost, ...rest } = found.resource;
        return { ...found, resource: rest };
      },
    }));
    await expectCaught(
      'crud.user-round-trip',
      options,
      /get\("User", "[^"]+"\) differs from what was created \(emails: expected/,
    );
  });

  it('a find that ignores its filter', async () => {
    const options = broken((connector) => ({
      find: async (type: ObjectType, _filter: FilterNode) => {
        const pages = await lastValueFrom(connector.read(type).pipe(toArray()));
        return pages.flat();
      },
    }));
    await expectCaught('crud.find-created', options, /an extra match links the wrong object/);
  });

  it('a get that throws for an unknown id instead of returning undefined', async () => {
    const options = broken((connector) => ({
      get: async (type: ObjectType, remoteId: string) => {
        const found = await connector.get(type, remoteId);
        if (!found) throw new ConnectorError('not-found', `no ${remoteId}`);
        return found;
      },
    }));
    await expectCaught('errors.get-unknown', options, /threw ConnectorError 'not-found'.*must succeed here/);
  });

  it('a find that throws a raw error when nothing matches', async () => {
    const options = broken((connector) => ({
      find: async (type: ObjectType, filter: FilterNode) => {
        const found = await connector.find(type, filter);
        if (found.length === 0)
          throw new TypeError("Cannot read properties of undefined (reading 'entries')");
        return found;
      },
    }));
    await expectCaught('errors.find-nothing', options, /threw TypeError: Cannot read properties/);
  });
});
