import { afterEach, describe, expect, it } from '@jest/globals';
import { SCIM_V1_CORE_SCHEMA, USER_SCHEMA } from '@idsync/scim';
import { startScimTarget, type ScimTarget } from '../start-scim-target.js';
import { membersOf } from '../store/target-store.js';
import { scimClient } from '../test-support/scim-http.js';

/** A user as a SCIM 1.1 client sends it: the shared 1.0 core URN, booleans as strings. */
function v1User(userName: string): Record<string, unknown> {
  return {
    schemas: [SCIM_V1_CORE_SCHEMA],
    userName,
    name: { givenName: 'Barbara', familyName: 'Jensen' },
    emails: [
      { value: `${userName}@example.com`, type: 'work', primary: 'true' },
      { value: `${userName}@home.example`, type: 'home' },
    ],
    title: 'Tour Guide',
  };
}

describe('SCIM 1.1 mode', () => {
  let target: ScimTarget;
  afterEach(() => target.close());

  it('serves /ServiceProviderConfigs in 1.1 form under /scim/v1', async () => {
    target = await startScimTarget({ version: '1.1' });
    expect(target.baseUrl).toMatch(/\/scim\/v1$/);
    const config = await scimClient(target).get('/ServiceProviderConfigs');
    expect(config.status).toBe(200);
    expect(config.headers.get('content-type')).toMatch(/^application\/json/);
    expect(config.body).toMatchObject({
      schemas: [SCIM_V1_CORE_SCHEMA],
      patch: { supported: true },
      xmlDataFormat: { supported: false },
    });
    expect((await scimClient(target).get('/ServiceProviderConfig')).status).toBe(404);
    expect((await scimClient(target).get('/Schemas/Users')).body).toMatchObject({
      id: SCIM_V1_CORE_SCHEMA,
      name: 'User',
    });
  });

  it('takes and answers 1.1 resources and lists, storing canonical 2.0', async () => {
    target = await startScimTarget({ version: '1.1' });
    const client = scimClient(target);
    const created = await client.post('/Users', v1User('bjensen'));
    expect(created.status).toBe(201);
    expect(created.body.schemas).toEqual([SCIM_V1_CORE_SCHEMA]);
    expect(created.body.meta.resourceType).toBeUndefined();
    const stored = target.store.users.get(created.body.id)!;
    expect(stored.schemas).toEqual([USER_SCHEMA]);
    expect((stored.emails as { primary?: unknown }[])[0]!.primary).toBe(true);
    const list = await client.get('/Users?filter=userName%20eq%20%22bjensen%22');
    expect(list.body).toMatchObject({
      schemas: [SCIM_V1_CORE_SCHEMA],
      totalResults: 1,
      startIndex: 1,
      itemsPerPage: 1,
    });
  });

  it('answers errors with the 1.1 Errors array', async () => {
    target = await startScimTarget({ version: '1.1' });
    const client = scimClient(target);
    await client.post('/Users', v1User('bjensen'));
    const duplicate = await client.post('/Users', v1User('bjensen'));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({
      schemas: [SCIM_V1_CORE_SCHEMA],
      Errors: [{ description: expect.stringContaining('uniqueness: userName "bjensen"'), code: '409' }],
    });
    expect((await client.get('/Users/nope')).body.Errors[0].code).toBe('404');
  });

  it('applies a 1.1 PATCH: meta.attributes cleared, "operation":"delete" values removed, new values added', async () => {
    target = await startScimTarget({ version: '1.1' });
    const client = scimClient(target);
    const { body: user } = await client.post('/Users', v1User('bjensen'));
    const patched = await client.patch(`/Users/${user.id}`, {
      schemas: [SCIM_V1_CORE_SCHEMA],
      meta: { attributes: ['title'] },
      emails: [
        { value: 'bjensen@home.example', type: 'home', operation: 'delete' },
        { value: 'babs@other.example', type: 'other' },
      ],
      nickName: 'Babs',
    });
    expect(patched.status).toBe(200);
    const stored = target.store.users.get(user.id)!;
    expect(stored.title).toBeUndefined();
    expect(stored.nickName).toBe('Babs');
    expect((stored.emails as { value: string }[]).map((e) => e.value)).toEqual([
      'bjensen@example.com',
      'babs@other.example',
    ]);
  });

  it('removes a group member with "operation":"delete" and answers DELETE with 200', async () => {
    target = await startScimTarget({ version: '1.1' });
    const client = scimClient(target);
    const alice = (await client.post('/Users', v1User('alice'))).body.id;
    const bob = (await client.post('/Users', v1User('bob'))).body.id;
    const group = await client.post('/Groups', {
      schemas: [SCIM_V1_CORE_SCHEMA],
      displayName: 'Guides',
      members: [{ value: alice }, { value: bob }],
    });
    expect(group.status).toBe(201);
    await client.patch(`/Groups/${group.body.id}`, {
      schemas: [SCIM_V1_CORE_SCHEMA],
      members: [{ value: alice, operation: 'delete' }],
    });
    expect(membersOf(target.store.groups.get(group.body.id)!).map((m) => m.value)).toEqual([bob]);
    expect((await client.delete(`/Groups/${group.body.id}`)).status).toBe(200);
  });

  it('with PATCH switched off answers 501, advertises it, and still takes GET + PUT', async () => {
    target = await startScimTarget({ version: '1.1', patch: false });
    const client = scimClient(target);
    expect((await client.get('/ServiceProviderConfigs')).body.patch).toEqual({ supported: false });
    const { body: user } = await client.post('/Users', v1User('bjensen'));
    const refused = await client.patch(`/Users/${user.id}`, {
      schemas: [SCIM_V1_CORE_SCHEMA],
      nickName: 'Babs',
    });
    expect(refused.status).toBe(501);
    expect(refused.body.Errors[0].code).toBe('501');
    expect(target.store.users.get(user.id)!.nickName).toBeUndefined();
    const current = (await client.get(`/Users/${user.id}`)).body;
    const replaced = await client.put(`/Users/${user.id}`, { ...current, nickName: 'Babs' });
    expect(replaced.status).toBe(200);
    expect(target.store.users.get(user.id)!.nickName).toBe('Babs');
  });

  it('can answer a switched-off PATCH with 405 and an Allow header instead', async () => {
    target = await startScimTarget({ version: '1.1', patch: false, patchUnsupportedStatus: 405 });
    const client = scimClient(target);
    const { body: user } = await client.post('/Users', v1User('bjensen'));
    const refused = await client.patch(`/Users/${user.id}`, {
      schemas: [SCIM_V1_CORE_SCHEMA],
      nickName: 'Babs',
    });
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe('GET, PUT, DELETE');
  });
});
