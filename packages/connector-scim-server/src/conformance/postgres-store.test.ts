import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { groupBody, patchBody, userBody } from '../testing/scim-fixtures.js';
import { startScimTestServer, type ScimTestServer } from '../testing/scim-test-server.js';

/**
 * The core of the conformance suite again, on the PostgreSQL store: CRUD, filters with true
 * totals, case-insensitive uniqueness, PATCH (atomic, with noTarget) and If-Match. It fails with
 * a message naming the server when PostgreSQL is not reachable.
 */
let server: ScimTestServer;
beforeAll(async () => {
  server = await startScimTestServer({ dialect: 'postgres' });
});
afterAll(async () => {
  await server?.close();
});

describe('on PostgreSQL', () => {
  it('creates, reads, replaces and deletes', async () => {
    const created = await server.v2('/Users', { method: 'POST', body: userBody('pg.ada') });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${server.origin}/scim/v2/Users/${created.body.id}`);
    expect((await server.v2(`/Users/${created.body.id}`)).body.userName).toBe('pg.ada');
    const replaced = await server.v2(`/Users/${created.body.id}`, {
      method: 'PUT',
      body: userBody('pg.ada', { title: 'Countess' }),
    });
    expect(replaced.body.title).toBe('Countess');
    expect(replaced.body.meta.version).toBe('W/"2"');
    expect((await server.v2(`/Users/${created.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await server.v2(`/Users/${created.body.id}`)).status).toBe(404);
  });

  it('filters with true totals and refuses a case-insensitive duplicate', async () => {
    for (let i = 0; i < 5; i++) await server.v2('/Users', { method: 'POST', body: userBody(`pg.page.${i}`) });
    const page = await server.v2(
      `/Users?filter=${encodeURIComponent('userName sw "PG.PAGE"')}&count=2&sortBy=userName`,
    );
    expect(page.body).toMatchObject({ totalResults: 5, itemsPerPage: 2 });
    expect(page.body.Resources.map((r: { userName: string }) => r.userName)).toEqual([
      'pg.page.0',
      'pg.page.1',
    ]);
    const complex = await server.v2(
      `/Users?filter=${encodeURIComponent('emails[type eq "work" and value co "PAGE.3@"]')}`,
    );
    expect(complex.body.totalResults).toBe(1);
    const duplicate = await server.v2('/Users', { method: 'POST', body: userBody('PG.Page.0') });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.scimType).toBe('uniqueness');
  });

  it('patches atomically, answers noTarget, honours If-Match, and keeps group members', async () => {
    const user = (await server.v2('/Users', { method: 'POST', body: userBody('pg.patch', { title: 'A' }) }))
      .body;
    const failed = await server.v2(`/Users/${user.id}`, {
      method: 'PATCH',
      body: patchBody(
        { op: 'replace', path: 'title', value: 'B' },
        { op: 'replace', path: 'emails[type eq "home"].value', value: 'x@y.z' },
      ),
    });
    expect(failed.status).toBe(400);
    expect(failed.body.scimType).toBe('noTarget');
    expect((await server.v2(`/Users/${user.id}`)).body.title).toBe('A');
    const stale = await server.v2(`/Users/${user.id}`, {
      method: 'PATCH',
      headers: { 'if-match': 'W/"9"' },
      body: patchBody({ op: 'replace', path: 'title', value: 'B' }),
    });
    expect(stale.status).toBe(412);
    const group = (await server.v2('/Groups', { method: 'POST', body: groupBody('pg-group') })).body;
    const added = await server.v2(`/Groups/${group.id}`, {
      method: 'PATCH',
      headers: { 'if-match': group.meta.version },
      body: patchBody({ op: 'add', path: 'members', value: [{ value: user.id }] }),
    });
    expect(added.body.members).toEqual([expect.objectContaining({ value: user.id, type: 'User' })]);
  });
});
