import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SCIM_V2_ERROR_URN, USER_SCHEMA } from '@idsync/scim';
import { startScimTarget, type ScimTarget } from '../start-scim-target.js';
import { patchBody, userBody } from '../test-support/fixtures.js';
import { scimClient, send, type ScimClient } from '../test-support/scim-http.js';

describe('rfc profile: users over HTTP', () => {
  let target: ScimTarget;
  let client: ScimClient;

  beforeEach(async () => {
    target = await startScimTarget({ profile: 'rfc' });
    client = scimClient(target);
  });
  afterEach(() => target.close());

  it('creates a user with 201, Location and meta, ignoring a client-sent id, and never returns the password', async () => {
    const created = await client.post(
      '/Users',
      userBody('bjensen', { id: 'client-chosen', password: 's3cret' }),
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    const id = created.body.id as string;
    expect(id).not.toBe('client-chosen');
    expect(created.headers.get('location')).toBe(`${target.baseUrl}/Users/${id}`);
    expect(created.body.meta).toMatchObject({
      resourceType: 'User',
      location: `${target.baseUrl}/Users/${id}`,
    });
    expect(created.body.meta.created).toEqual(created.body.meta.lastModified);
    expect(created.body.password).toBeUndefined();
    expect(target.store.users.get(id)?.password).toBe('s3cret');

    const read = await client.get(`/Users/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, userName: 'bjensen', schemas: [USER_SCHEMA] });
  });

  it('refuses a second userName that differs only in case with 409 uniqueness', async () => {
    expect((await client.post('/Users', userBody('bjensen'))).status).toBe(201);
    const duplicate = await client.post('/Users', userBody('BJensen'));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({
      schemas: [SCIM_V2_ERROR_URN],
      status: '409',
      scimType: 'uniqueness',
    });
    expect(target.store.users.size).toBe(1);
  });

  it('refuses a user without userName with 400 invalidValue', async () => {
    const { userName: _dropped, ...body } = userBody('x');
    const answer = await client.post('/Users', body);
    expect(answer.status).toBe(400);
    expect(answer.body.scimType).toBe('invalidValue');
    expect(answer.body.detail).toContain('userName');
  });

  it('replaces a user with PUT: attributes left out are cleared, created is kept', async () => {
    const { body: user } = await client.post('/Users', userBody('bjensen', { title: 'Engineer' }));
    const replaced = await client.put(`/Users/${user.id}`, userBody('bjensen', { nickName: 'Babs' }));
    expect(replaced.status).toBe(200);
    expect(replaced.body.title).toBeUndefined();
    expect(replaced.body.nickName).toBe('Babs');
    expect(replaced.body.meta.created).toBe(user.meta.created);
  });

  it('applies a PATCH with a value path and answers 200 with the resource', async () => {
    const { body: user } = await client.post('/Users', userBody('bjensen'));
    const patched = await client.patch(
      `/Users/${user.id}`,
      patchBody(
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'babs@example.org' },
        { op: 'Replace', path: 'active', value: 'False' },
      ),
    );
    expect(patched.status).toBe(200);
    expect(patched.body.emails).toEqual([{ value: 'babs@example.org', type: 'work', primary: true }]);
    expect(patched.body.active).toBe(false);
  });

  it('answers 400 noTarget when a filtered replace matches nothing, and changes nothing', async () => {
    const { body: user } = await client.post('/Users', userBody('bjensen'));
    const answer = await client.patch(
      `/Users/${user.id}`,
      patchBody({ op: 'replace', path: 'emails[type eq "home"].value', value: 'x@example.org' }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.scimType).toBe('noTarget');
    expect(target.store.users.get(user.id)?.emails).toEqual(user.emails);
  });

  it('deletes with 204, after which the user is 404', async () => {
    const { body: user } = await client.post('/Users', userBody('bjensen'));
    expect((await client.delete(`/Users/${user.id}`)).status).toBe(204);
    const gone = await client.get(`/Users/${user.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ schemas: [SCIM_V2_ERROR_URN], status: '404' });
    expect((await client.delete(`/Users/${user.id}`)).status).toBe(404);
  });

  it('accepts lower-case resource paths and a trailing slash, as Entra ID sends them', async () => {
    await client.post('/Users', userBody('bjensen'));
    const list = await send(`${target.baseUrl}/users/`);
    expect(list.status).toBe(200);
    expect(list.body.totalResults).toBe(1);
  });

  it('answers malformed JSON with 400 invalidSyntax and an unknown path with a SCIM 404', async () => {
    const broken = await send(`${target.baseUrl}/Users`, {
      method: 'POST',
      raw: '{"userName": ',
      headers: { 'content-type': 'application/scim+json' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    const unknown = await send(`${target.baseUrl}/Devices`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.schemas).toEqual([SCIM_V2_ERROR_URN]);
  });

  it('answers /Bulk and /Me with 501, as it advertises no bulk', async () => {
    expect((await client.post('/Bulk', { schemas: [] })).status).toBe(501);
    expect((await client.get('/Me')).status).toBe(501);
  });

  it('shows changes made directly in the store ("outside idsync") on the next read', async () => {
    const seeded = target.store.users.seed({ userName: 'outsider', displayName: 'Made in the console' });
    expect((await client.get(`/Users/${seeded.id}`)).body.displayName).toBe('Made in the console');
    target.store.users.update(seeded.id!, (user) => ({ ...user, displayName: 'Renamed by an admin' }));
    expect((await client.get(`/Users/${seeded.id}`)).body.displayName).toBe('Renamed by an admin');
  });
});
