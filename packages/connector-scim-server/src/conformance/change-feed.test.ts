import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BULK_REQUEST_URN } from '@idsync/scim';
import { groupBody, patchBody, userBody } from '../testing/scim-fixtures.js';
import { startScimTestServer, type ScimTestServer } from '../testing/scim-test-server.js';

/**
 * Every write through the server is on the hub's change feed by the time the client has its
 * answer, so outbound rules following the feed propagate it on their next poll.
 */
let server: ScimTestServer;
beforeAll(async () => {
  server = await startScimTestServer();
});
afterAll(async () => {
  await server.close();
});

async function changesDuring(work: () => Promise<unknown>) {
  const cursor = await server.store.hub.latestChangeCursor();
  await work();
  return (await server.store.hub.changesAfter(cursor, 100)).map((c) => ({
    type: c.objectType,
    id: c.objectId,
    kind: c.kind,
  }));
}

describe('the change feed', () => {
  it('carries an upsert for POST, PUT and PATCH, and a delete for DELETE', async () => {
    let id = '';
    expect(
      await changesDuring(async () => {
        id = (await server.v2('/Users', { method: 'POST', body: userBody('feed.ada') })).body.id;
      }),
    ).toEqual([{ type: 'User', id: expect.any(String), kind: 'upsert' }]);
    expect(
      await changesDuring(() =>
        server.v2(`/Users/${id}`, { method: 'PUT', body: userBody('feed.ada', { title: 'x' }) }),
      ),
    ).toEqual([{ type: 'User', id, kind: 'upsert' }]);
    expect(
      await changesDuring(() =>
        server.v2(`/Users/${id}`, {
          method: 'PATCH',
          body: patchBody({ op: 'replace', path: 'title', value: 'y' }),
        }),
      ),
    ).toEqual([{ type: 'User', id, kind: 'upsert' }]);
    expect(await changesDuring(() => server.v2(`/Users/${id}`, { method: 'DELETE' }))).toEqual([
      { type: 'User', id, kind: 'delete' },
    ]);
  });

  it('carries membership changes for the users a group write adds or removes', async () => {
    const a = (await server.v2('/Users', { method: 'POST', body: userBody('feed.member.a') })).body.id;
    const b = (await server.v2('/Users', { method: 'POST', body: userBody('feed.member.b') })).body.id;
    const group = (await server.v2('/Groups', { method: 'POST', body: groupBody('feed-group', [a]) })).body
      .id;
    const changes = await changesDuring(() =>
      server.v2(`/Groups/${group}`, {
        method: 'PATCH',
        body: patchBody(
          { op: 'add', path: 'members', value: [{ value: b }] },
          { op: 'remove', path: `members[value eq "${a}"]` },
        ),
      }),
    );
    expect(changes).toEqual(
      expect.arrayContaining([
        { type: 'Group', id: group, kind: 'upsert' },
        { type: 'User', id: a, kind: 'membership' },
        { type: 'User', id: b, kind: 'membership' },
      ]),
    );
  });

  it('carries each committed Bulk operation', async () => {
    const changes = await changesDuring(() =>
      server.v2('/Bulk', {
        method: 'POST',
        body: {
          schemas: [BULK_REQUEST_URN],
          Operations: [
            { method: 'POST', path: '/Users', bulkId: 'one', data: userBody('feed.bulk.one') },
            { method: 'POST', path: '/Users', bulkId: 'two', data: userBody('feed.bulk.two') },
          ],
        },
      }),
    );
    expect(changes.filter((c) => c.kind === 'upsert')).toHaveLength(2);
  });
});
