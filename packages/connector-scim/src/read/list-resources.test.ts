import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ConnectorError } from '@idsync/core';
import { parseFilter, USER_SCHEMA } from '@idsync/scim';
import { lastValueFrom, take, toArray } from 'rxjs';
import { caught, makeTarget } from '../testing/make-target.js';
import { listBody, ScriptedServer, type SeenRequest } from '../testing/scripted-server.js';
import { findResources } from './find-resources.js';
import { listResources } from './list-resources.js';

/* Paging against targets that bend the rules, scripted request by request. */

let server: ScriptedServer;
beforeAll(async () => {
  server = await ScriptedServer.start();
});
afterAll(async () => {
  await server.stop();
});

const user = (id: number) => ({ schemas: [USER_SCHEMA], id: `u${id}`, userName: `user${id}` });
const users = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => user(from + index));
const listRequests = (): SeenRequest[] =>
  server.requests.filter((request) => request.path.endsWith('/Users'));

/** A target with `total` users that serves at most `serves` per page, whatever count says. */
function scriptUsers(
  total: number,
  serves: number,
  options: { totalResults?: boolean; spc?: object } = {},
): void {
  server.script((request) => {
    if (request.path.includes('ServiceProviderConfig'))
      return { status: 200, body: options.spc ?? { filter: { supported: true } } };
    const start = Number(request.query.get('startIndex') ?? 1);
    const page = users(start, Math.min(total, start + serves - 1));
    const body = listBody(page, total, start) as Record<string, unknown>;
    if (options.totalResults === false) delete body.totalResults;
    return { status: 200, body };
  });
}

async function readAll(pageSize?: number) {
  const { target } = makeTarget({ baseUrl: `${server.url}/scim/v2`, authMethod: 'none' });
  try {
    return await lastValueFrom(listResources(target, 'User', pageSize ? { pageSize } : {}).pipe(toArray()));
  } finally {
    await target.close();
  }
}

describe('listResources (startIndex paging)', () => {
  it('goes on after a short page until totalResults is reached', async () => {
    scriptUsers(7, 2); // the target caps pages at 2 although 5 were asked
    const pages = await readAll(5);
    expect(pages.flat().map((object) => object.remoteId)).toEqual(users(1, 7).map((u) => u.id));
    expect(listRequests().map((request) => request.query.get('startIndex'))).toEqual(['1', '3', '5', '7']);
  });

  it('without totalResults, goes on until a page comes back empty', async () => {
    scriptUsers(3, 2, { totalResults: false });
    const pages = await readAll(2);
    expect(pages.flat()).toHaveLength(3);
    expect(listRequests().map((request) => request.query.get('startIndex'))).toEqual(['1', '3', '4']);
  });

  it('never emits a page larger than asked, even when the target sends more', async () => {
    scriptUsers(5, 5);
    const pages = await readAll(2);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
  });

  it('fails instead of looping when the target ignores startIndex', async () => {
    server.script((request) =>
      request.path.includes('ServiceProviderConfig')
        ? { status: 404 }
        : { status: 200, body: listBody(users(1, 2), 10) },
    );
    const { target } = makeTarget({ baseUrl: `${server.url}/scim/v2`, authMethod: 'none' });
    const error = await caught(() =>
      lastValueFrom(listResources(target, 'User', { pageSize: 2 }).pipe(toArray())),
    );
    expect((error as ConnectorError).code).toBe('invalid');
    expect((error as ConnectorError).message).toContain('ignore startIndex');
    await target.close();
  });

  it('does nothing before subscription and stops fetching when the subscriber leaves', async () => {
    scriptUsers(10, 2);
    const { target } = makeTarget({ baseUrl: `${server.url}/scim/v2`, authMethod: 'none' });
    const stream = listResources(target, 'User', { pageSize: 2 });
    expect(listRequests()).toHaveLength(0);
    const first = await lastValueFrom(stream.pipe(take(1)));
    expect(first).toHaveLength(2);
    expect(listRequests()).toHaveLength(1);
    await target.close();
  });

  it('caps count at the target’s filter.maxResults', async () => {
    scriptUsers(3, 10, { spc: { filter: { supported: true, maxResults: 2 } } });
    await readAll(50);
    expect(listRequests()[0]?.query.get('count')).toBe('2');
  });
});

describe('findResources', () => {
  it('sends the filter to a target that filters', async () => {
    server.script((request) =>
      request.path.includes('ServiceProviderConfig')
        ? { status: 200, body: { filter: { supported: true } } }
        : {
            status: 200,
            body: listBody(request.query.get('filter') === 'userName eq "user2"' ? [user(2)] : []),
          },
    );
    const { target } = makeTarget({ baseUrl: `${server.url}/scim/v2`, authMethod: 'none' });
    const found = await findResources(target, 'User', parseFilter('userName eq "user2"'));
    expect(found.map((object) => object.remoteId)).toEqual(['u2']);
    await target.close();
  });

  it('filters locally, page by page, when the target says it cannot filter', async () => {
    scriptUsers(5, 2, { spc: { filter: { supported: false } } });
    const { target } = makeTarget({ baseUrl: `${server.url}/scim/v2`, authMethod: 'none' });
    const found = await findResources(target, 'User', parseFilter('userName eq "USER4"'));
    expect(found.map((object) => object.remoteId)).toEqual(['u4']); // userName is case-insensitive
    expect(listRequests().every((request) => request.query.get('filter') === null)).toBe(true);
    await target.close();
  });
});
