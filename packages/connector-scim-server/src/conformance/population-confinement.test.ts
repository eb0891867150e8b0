import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BULK_REQUEST_URN, SEARCH_REQUEST_URN } from '@idsync/scim';
import { hashScimSecret } from '../auth/scim-secret-hash.js';
import { groupBody, patchBody, userBody } from '../testing/scim-fixtures.js';
import { startScimTestServer, type ScimTestServer } from '../testing/scim-test-server.js';

/** A client confined to population A must never read, list, search, change or delete B's objects. */
let server: ScimTestServer;
const TOKEN_A = 'client-of-population-a-0001';
const TOKEN_B = 'client-of-population-b-0002';
const ids: Record<string, string> = {};

const asA = (path: string, options: Parameters<ScimTestServer['v2']>[1] = {}) =>
  server.v2(path, { ...options, token: TOKEN_A });
const asB = (path: string, options: Parameters<ScimTestServer['v2']>[1] = {}) =>
  server.v2(path, { ...options, token: TOKEN_B });

beforeAll(async () => {
  server = await startScimTestServer({
    populations: ['pop-a', 'pop-b'],
    clients: [
      { id: 'client-a', bearerTokenHashes: [hashScimSecret(TOKEN_A)], populations: ['pop-a'] },
      { id: 'client-b', bearerTokenHashes: [hashScimSecret(TOKEN_B)], populations: ['pop-b'] },
    ],
  });
  ids.a1 = (await asA('/Users', { method: 'POST', body: userBody('conf.a1') })).body.id;
  ids.a2 = (await asA('/Users', { method: 'POST', body: userBody('conf.a2') })).body.id;
  ids.b1 = (await asB('/Users', { method: 'POST', body: userBody('conf.b1') })).body.id;
  ids.groupB = (await asB('/Groups', { method: 'POST', body: groupBody('conf-group-b', [ids.b1!]) })).body.id;
  // An unconfined administrator puts B's user into A's group.
  ids.groupA = (
    await server.v2('/Groups', { method: 'POST', body: groupBody('conf-group-a', [ids.a1!, ids.b1!]) })
  ).body.id;
  await server.store.hub.move('Group', ids.groupA!, 'pop-a');
});
afterAll(async () => {
  await server.close();
});

describe('population confinement', () => {
  it("creates land in the client's population", async () => {
    expect((await server.store.hub.get('User', ids.a1!))?.populationId).toBe('pop-a');
    expect((await server.store.hub.get('User', ids.b1!))?.populationId).toBe('pop-b');
  });

  it('answers 404 to every read and write of an object outside, and changes nothing', async () => {
    const changesBefore = (await server.changes()).length;
    const path = `/Users/${ids.b1}`;
    expect((await asA(path)).status).toBe(404);
    expect(
      (await asA(path, { method: 'PUT', body: userBody('conf.b1', { title: 'hijacked' }) })).status,
    ).toBe(404);
    expect(
      (await asA(path, { method: 'PATCH', body: patchBody({ op: 'replace', path: 'title', value: 'x' }) }))
        .status,
    ).toBe(404);
    expect((await asA(path, { method: 'DELETE' })).status).toBe(404);
    expect((await asA(`/Groups/${ids.groupB}`)).status).toBe(404);
    const notFound = await asA(path);
    const missing = await asA('/Users/00000000-0000-4000-8000-000000000000');
    expect(notFound.body.detail.replace(ids.b1!, 'ID')).toBe(
      missing.body.detail.replace('00000000-0000-4000-8000-000000000000', 'ID'),
    );
    expect(await server.changes()).toHaveLength(changesBefore);
    expect((await server.v2(path)).body.title).toBeUndefined();
  });

  it('lists and searches only its own objects, with totals that exclude the others', async () => {
    const list = await asA('/Users');
    expect(list.body.totalResults).toBe(2);
    expect(list.body.Resources.map((r: { userName: string }) => r.userName).sort()).toEqual([
      'conf.a1',
      'conf.a2',
    ]);
    const filtered = await asA(`/Users?filter=${encodeURIComponent('userName eq "conf.b1"')}`);
    expect(filtered.body.totalResults).toBe(0);
    const search = await asA('/.search', {
      method: 'POST',
      body: { schemas: [SEARCH_REQUEST_URN], filter: 'userName sw "conf" or displayName sw "conf"' },
    });
    expect(search.body.totalResults).toBe(3);
    expect(search.text).not.toContain(ids.b1);
    expect(search.text).not.toContain(ids.groupB);
  });

  it('does not show, and cannot drop, members from outside in its own group', async () => {
    const group = await asA(`/Groups/${ids.groupA}`);
    expect(group.body.members.map((m: { value: string }) => m.value)).toEqual([ids.a1]);
    expect(group.text).not.toContain(ids.b1);
    const replaced = await asA(`/Groups/${ids.groupA}`, {
      method: 'PUT',
      body: groupBody('conf-group-a', [ids.a2!]),
    });
    expect(replaced.body.members.map((m: { value: string }) => m.value)).toEqual([ids.a2]);
    const stored = await server.store.hub.get('Group', ids.groupA!);
    expect((stored?.resource.members as { value: string }[]).map((m) => m.value).sort()).toEqual(
      [ids.a2, ids.b1].sort(),
    );
    const removeHidden = await asA(`/Groups/${ids.groupA}`, {
      method: 'PATCH',
      body: patchBody({ op: 'remove', path: `members[value eq "${ids.b1}"]` }),
    });
    expect(removeHidden.status).toBe(400);
    expect(removeHidden.body.scimType).toBe('noTarget');
  });

  it('cannot add an outside object as a member: it looks like one that does not exist', async () => {
    const response = await asA(`/Groups/${ids.groupA}`, {
      method: 'PATCH',
      body: patchBody({ op: 'add', path: 'members', value: [{ value: ids.b1 }] }),
    });
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('do not exist');
    const create = await asA('/Groups', { method: 'POST', body: groupBody('conf-sneaky', [ids.b1!]) });
    expect(create.status).toBe(400);
  });

  it("does not see groups from outside in a user's groups", async () => {
    await server.v2(`/Groups/${ids.groupB}`, {
      method: 'PATCH',
      body: patchBody({ op: 'add', path: 'members', value: [{ value: ids.a1 }] }),
    });
    const asAdmin = await server.v2(`/Users/${ids.a1}`);
    expect(asAdmin.body.groups.map((g: { value: string }) => g.value)).toContain(ids.groupB);
    const asClient = await asA(`/Users/${ids.a1}`);
    expect(asClient.text).not.toContain(ids.groupB);
  });

  it('is confined inside Bulk too', async () => {
    const response = await asA('/Bulk', {
      method: 'POST',
      body: { schemas: [BULK_REQUEST_URN], Operations: [{ method: 'DELETE', path: `/Users/${ids.b1}` }] },
    });
    expect(response.body.Operations[0].status).toBe('404');
    expect(await server.store.hub.get('User', ids.b1!)).toBeDefined();
  });
});
