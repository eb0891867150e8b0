import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '@idsync/scim';
import { groupBody, patchBody, userBody } from '../testing/scim-fixtures.js';
import { startScimTestServer, type ScimTestServer } from '../testing/scim-test-server.js';

let server: ScimTestServer;
beforeAll(async () => {
  server = await startScimTestServer();
});
afterAll(async () => {
  await server.close();
});

async function createUser(userName: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await server.v2('/Users', { method: 'POST', body: userBody(userName, extra) });
  expect(response.status).toBe(201);
  return response.body.id;
}

const patch = (path: string, ...operations: Record<string, unknown>[]) =>
  server.v2(path, { method: 'PATCH', body: patchBody(...operations) });

describe('PATCH (RFC 7644 §3.5.2)', () => {
  it('applies add, replace and remove with paths and answers 200 with the resource and a new ETag', async () => {
    const id = await createUser('patch.one', { title: 'Engineer', nickName: 'one' });
    const response = await patch(
      `/Users/${id}`,
      { op: 'replace', path: 'title', value: 'Manager' },
      { op: 'add', path: 'name.middleName', value: 'Q' },
      { op: 'remove', path: 'nickName' },
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ title: 'Manager', name: { middleName: 'Q' } });
    expect(response.body.nickName).toBeUndefined();
    expect(response.headers.get('etag')).toBe('W/"2"');
    expect((await server.v2(`/Users/${id}`)).body.title).toBe('Manager');
  });

  it('takes add and replace without a path as a value object, extension URNs included', async () => {
    const id = await createUser('patch.pathless');
    const response = await patch(
      `/Users/${id}`,
      { op: 'add', value: { displayName: 'Path Less', [ENTERPRISE_USER_SCHEMA]: { department: 'Ops' } } },
      { op: 'replace', value: { 'name.familyName': 'Less' } },
    );
    expect(response.status).toBe(200);
    expect(response.body.displayName).toBe('Path Less');
    expect(response.body.name.familyName).toBe('Less');
    expect(response.body[ENTERPRISE_USER_SCHEMA]).toEqual({ department: 'Ops' });
    expect(response.body.schemas).toEqual([USER_SCHEMA, ENTERPRISE_USER_SCHEMA]);
  });

  it('follows value paths such as emails[type eq "work"].value', async () => {
    const id = await createUser('patch.emails', {
      emails: [
        { value: 'w@example.com', type: 'work', primary: true },
        { value: 'h@example.com', type: 'home' },
      ],
    });
    const response = await patch(
      `/Users/${id}`,
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'new-w@example.com' },
      { op: 'remove', path: 'emails[type eq "home"]' },
    );
    expect(response.body.emails).toEqual([{ value: 'new-w@example.com', type: 'work', primary: true }]);
  });

  it('answers 400 noTarget when a replace filter matches nothing, and never adds an element', async () => {
    const id = await createUser('patch.notarget');
    const response = await patch(`/Users/${id}`, {
      op: 'replace',
      path: 'emails[type eq "other"].value',
      value: 'x@example.com',
    });
    expect(response.status).toBe(400);
    expect(response.body.scimType).toBe('noTarget');
    const user = await server.v2(`/Users/${id}`);
    expect(user.body.emails).toHaveLength(1);
    expect(user.body.meta.version).toBe('W/"1"');
  });

  it('requires a path on remove (400 noTarget)', async () => {
    const id = await createUser('patch.removepath');
    const response = await patch(`/Users/${id}`, { op: 'remove' });
    expect(response.status).toBe(400);
    expect(response.body.scimType).toBe('noTarget');
  });

  it('is atomic: a failing operation leaves every earlier one unapplied', async () => {
    const id = await createUser('patch.atomic', { title: 'Before' });
    const changesBefore = (await server.changes()).length;
    const response = await patch(
      `/Users/${id}`,
      { op: 'replace', path: 'title', value: 'After' },
      { op: 'replace', path: 'active', value: 'not-a-boolean' },
    );
    expect(response.status).toBe(400);
    expect(response.body.scimType).toBe('invalidValue');
    expect(response.body.detail).toContain('Operations[1]');
    const user = await server.v2(`/Users/${id}`);
    expect(user.body.title).toBe('Before');
    expect(user.body.meta.version).toBe('W/"1"');
    expect(await server.changes()).toHaveLength(changesBefore);
  });

  it('refuses a readOnly attribute with 400 mutability and an unknown one with 400 invalidPath', async () => {
    const id = await createUser('patch.mutability');
    const readOnly = await patch(`/Users/${id}`, { op: 'replace', path: 'id', value: 'x' });
    expect(readOnly.status).toBe(400);
    expect(readOnly.body.scimType).toBe('mutability');
    const unknown = await patch(`/Users/${id}`, { op: 'add', path: 'shoeSize', value: 42 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.scimType).toBe('invalidPath');
  });

  it('refuses a body without the PatchOp schema with 400 invalidSyntax', async () => {
    const id = await createUser('patch.schema');
    const response = await server.v2(`/Users/${id}`, {
      method: 'PATCH',
      body: { Operations: [{ op: 'replace', path: 'title', value: 'x' }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.scimType).toBe('invalidSyntax');
  });

  it('keeps the version when nothing changes', async () => {
    const id = await createUser('patch.nochange', { title: 'Same' });
    const changesBefore = (await server.changes()).length;
    const response = await patch(`/Users/${id}`, { op: 'replace', path: 'title', value: 'Same' });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('W/"1"');
    expect(await server.changes()).toHaveLength(changesBefore);
  });

  it('adds and removes group members by value path', async () => {
    const a = await createUser('patch.member.a');
    const b = await createUser('patch.member.b');
    const group = await server.v2('/Groups', { method: 'POST', body: groupBody('patch-members', [a]) });
    const added = await patch(`/Groups/${group.body.id}`, {
      op: 'add',
      path: 'members',
      value: [{ value: b }],
    });
    expect(added.body.members.map((m: { value: string }) => m.value)).toEqual([a, b]);
    const removed = await patch(`/Groups/${group.body.id}`, {
      op: 'remove',
      path: `members[value eq "${a}"]`,
    });
    expect(removed.body.members.map((m: { value: string }) => m.value)).toEqual([b]);
    expect(removed.body.members[0].type).toBe('User');
    const ghost = await patch(`/Groups/${group.body.id}`, {
      op: 'add',
      path: 'members',
      value: [{ value: '00000000-0000-4000-8000-0000000000ff' }],
    });
    expect(ghost.status).toBe(400);
    expect(ghost.body.scimType).toBe('invalidValue');
  });
});
