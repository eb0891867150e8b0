import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { groupBody, patchBody, userBody } from '../testing/scim-fixtures.js';
import { startScimTestServer, type ScimTestServer } from '../testing/scim-test-server.js';

let server: ScimTestServer;
beforeAll(async () => {
  server = await startScimTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('ETags (RFC 7644 §3.14)', () => {
  it('answers 304 to If-None-Match with the current version, and 200 once it moved', async () => {
    const created = await server.v2('/Users', { method: 'POST', body: userBody('etag.ada') });
    const etag = created.headers.get('etag')!;
    expect(etag).toBe(created.body.meta.version);
    const unchanged = await server.v2(`/Users/${created.body.id}`, { headers: { 'if-none-match': etag } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');
    await server.v2(`/Users/${created.body.id}`, {
      method: 'PATCH',
      body: patchBody({ op: 'replace', path: 'title', value: 'x' }),
    });
    const changed = await server.v2(`/Users/${created.body.id}`, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('W/"2"');
  });

  it.each([
    ['PUT', () => userBody('etag.write', { title: 'changed' })],
    ['PATCH', () => patchBody({ op: 'replace', path: 'title', value: 'changed' })],
    ['DELETE', () => undefined],
  ])('refuses %s with a stale If-Match with 412 and changes nothing', async (method, body) => {
    const created = await server.v2('/Users', { method: 'POST', body: userBody('etag.write') });
    const id = created.body.id;
    const stale = await server.v2(`/Users/${id}`, { method, body: body(), headers: { 'if-match': 'W/"7"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.status).toBe('412');
    const current = await server.v2(`/Users/${id}`);
    expect(current.status).toBe(200);
    expect(current.body.meta.version).toBe('W/"1"');
    const fresh = await server.v2(`/Users/${id}`, { method, body: body(), headers: { 'if-match': 'W/"1"' } });
    expect(fresh.status).toBe(method === 'DELETE' ? 204 : 200);
    if (method === 'DELETE') return;
    await server.v2(`/Users/${id}`, { method: 'DELETE', headers: { 'if-match': '*' } });
    expect((await server.v2(`/Users/${id}`)).status).toBe(404);
  });
});

describe('uniqueness', () => {
  it('refuses a userName that exists in another case with 409 uniqueness', async () => {
    expect((await server.v2('/Users', { method: 'POST', body: userBody('Unique.Grace') })).status).toBe(201);
    const duplicate = await server.v2('/Users', { method: 'POST', body: userBody('unique.GRACE') });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    const list = await server.v2('/Users?filter=userName%20eq%20%22UNIQUE.grace%22');
    expect(list.body.totalResults).toBe(1);
  });

  it('refuses renaming a user onto a taken userName, by PUT and by PATCH', async () => {
    await server.v2('/Users', { method: 'POST', body: userBody('taken.name') });
    const other = await server.v2('/Users', { method: 'POST', body: userBody('free.name') });
    const put = await server.v2(`/Users/${other.body.id}`, { method: 'PUT', body: userBody('TAKEN.NAME') });
    expect(put.status).toBe(409);
    const patched = await server.v2(`/Users/${other.body.id}`, {
      method: 'PATCH',
      body: patchBody({ op: 'replace', path: 'userName', value: 'Taken.Name' }),
    });
    expect(patched.status).toBe(409);
    expect((await server.v2(`/Users/${other.body.id}`)).body.userName).toBe('free.name');
  });

  it('refuses a duplicate group displayName with 409', async () => {
    expect((await server.v2('/Groups', { method: 'POST', body: groupBody('Unique Team') })).status).toBe(201);
    const duplicate = await server.v2('/Groups', { method: 'POST', body: groupBody('unique team') });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.scimType).toBe('uniqueness');
  });
});
