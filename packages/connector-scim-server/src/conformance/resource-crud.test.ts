import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SCIM_V2_ERROR_URN, USER_SCHEMA } from '@idsync/scim';
import { groupBody, userBody } from '../testing/scim-fixtures.js';
import { startScimTestServer, type ScimTestServer } from '../testing/scim-test-server.js';

let server: ScimTestServer;
beforeAll(async () => {
  server = await startScimTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('POST', () => {
  it('answers 201 with Location, ETag and the full resource with meta; client id and meta are ignored', async () => {
    const response = await server.v2('/Users', {
      method: 'POST',
      body: userBody('post.ada', {
        id: 'client-chosen',
        meta: { version: 'W/"99"', created: '2001-01-01T00:00:00Z' },
      }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    const { body } = response;
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.id).not.toBe('client-chosen');
    expect(response.headers.get('location')).toBe(`${server.origin}/scim/v2/Users/${body.id}`);
    expect(body.meta).toEqual({
      resourceType: 'User',
      created: expect.any(String),
      lastModified: body.meta.created,
      location: `${server.origin}/scim/v2/Users/${body.id}`,
      version: 'W/"1"',
    });
    expect(body.meta.created).not.toBe('2001-01-01T00:00:00Z');
    expect(response.headers.get('etag')).toBe('W/"1"');
    expect(body.schemas).toEqual([USER_SCHEMA]);
    expect(body.userName).toBe('post.ada');
  });

  it('never returns the password (returned: never) and does not keep it', async () => {
    const response = await server.v2('/Users', {
      method: 'POST',
      body: userBody('post.secret', { password: 'S3cret!' }),
    });
    expect(response.status).toBe(201);
    expect(response.text).not.toContain('S3cret!');
    const stored = await server.store.hub.get('User', response.body.id);
    expect(JSON.stringify(stored)).not.toContain('S3cret!');
  });
});

describe('GET by id', () => {
  it('returns the resource with its ETag, and 404 with a SCIM error for an unknown id', async () => {
    const created = await server.v2('/Users', { method: 'POST', body: userBody('get.grace') });
    const read = await server.v2(`/Users/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(read.headers.get('etag')).toBe('W/"1"');

    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const missing = await server.v2(`/Users/${id}`);
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ schemas: [SCIM_V2_ERROR_URN], status: '404' });
      expect(missing.body.detail).toContain(id);
    }
  });
});

describe('PUT', () => {
  it('replaces the resource: attributes left out are removed, readOnly input is ignored, the version moves', async () => {
    const created = await server.v2('/Users', {
      method: 'POST',
      body: userBody('put.barbara', { title: 'Engineer', nickName: 'Babs' }),
    });
    const replaced = await server.v2(`/Users/${created.body.id}`, {
      method: 'PUT',
      body: userBody('put.barbara', {
        title: 'Manager',
        id: 'ignored',
        meta: { created: '1999-01-01T00:00:00Z' },
      }),
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.title).toBe('Manager');
    expect(replaced.body.nickName).toBeUndefined();
    expect(replaced.body.id).toBe(created.body.id);
    expect(replaced.body.meta.created).toBe(created.body.meta.created);
    expect(replaced.body.meta.version).toBe('W/"2"');
    expect(replaced.headers.get('etag')).toBe('W/"2"');
  });

  it('answers 404 for an unknown id', async () => {
    const response = await server.v2('/Users/00000000-0000-4000-8000-000000000001', {
      method: 'PUT',
      body: userBody('nobody'),
    });
    expect(response.status).toBe(404);
  });
});

describe('DELETE', () => {
  it('answers 204, then GET answers 404 and the user has left its groups', async () => {
    const user = await server.v2('/Users', { method: 'POST', body: userBody('delete.chen') });
    const group = await server.v2('/Groups', {
      method: 'POST',
      body: groupBody('delete-group', [user.body.id]),
    });
    const deleted = await server.v2(`/Users/${user.body.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await server.v2(`/Users/${user.body.id}`)).status).toBe(404);
    expect((await server.v2(`/Users/${user.body.id}`, { method: 'DELETE' })).status).toBe(404);
    const after = await server.v2(`/Groups/${group.body.id}`);
    expect(after.body.members).toBeUndefined();
  });
});

describe('Groups', () => {
  it('keep members with value, $ref, type and display; users list their groups', async () => {
    const alice = await server.v2('/Users', { method: 'POST', body: userBody('group.alice') });
    const inner = await server.v2('/Groups', { method: 'POST', body: groupBody('inner-team') });
    const created = await server.v2('/Groups', {
      method: 'POST',
      body: {
        ...groupBody('outer-team'),
        members: [{ value: alice.body.id, display: 'Alice' }, { value: inner.body.id }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.members).toEqual([
      {
        value: alice.body.id,
        display: 'Alice',
        type: 'User',
        $ref: `${server.origin}/scim/v2/Users/${alice.body.id}`,
      },
      { value: inner.body.id, type: 'Group', $ref: `${server.origin}/scim/v2/Groups/${inner.body.id}` },
    ]);
    const user = await server.v2(`/Users/${alice.body.id}`);
    expect(user.body.groups).toEqual([
      {
        value: created.body.id,
        display: 'outer-team',
        type: 'direct',
        $ref: `${server.origin}/scim/v2/Groups/${created.body.id}`,
      },
    ]);
  });

  it('refuse a member that does not exist with 400 invalidValue', async () => {
    const response = await server.v2('/Groups', {
      method: 'POST',
      body: groupBody('ghost-members', ['00000000-0000-4000-8000-00000000dead']),
    });
    expect(response.status).toBe(400);
    expect(response.body.scimType).toBe('invalidValue');
    expect(response.body.detail).toContain('00000000-0000-4000-8000-00000000dead');
  });
});
