import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GROUP_SCHEMA, PATCH_OP_URN, USER_SCHEMA } from '@idsync/scim';
import { startScimTestServer, type ScimTestServer } from '../testing/scim-test-server.js';

/**
 * The requests Okta's SCIM 2.0 provisioning sends, as Okta documents them: look up by userName
 * with paging parameters, create with extra attributes (`groups`, `password`), full-replace PUT
 * for profile updates and deactivation, and group push with PATCH (rename carries the id).
 */
let server: ScimTestServer;
beforeAll(async () => {
  server = await startScimTestServer();
});
afterAll(async () => {
  await server.close();
});

const oktaUser = (active: boolean, givenName = 'Test') => ({
  schemas: [USER_SCHEMA],
  userName: 'test.user@okta.local',
  name: { givenName, familyName: 'User' },
  emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
  displayName: `${givenName} User`,
  locale: 'en-US',
  externalId: '00ujl29u0le5T6Aj10h7',
  groups: [],
  password: '1mz050nq',
  active,
});

describe('an Okta provisioning cycle', () => {
  it('creates, updates and deactivates a user with full-replace PUTs', async () => {
    const lookup = await server.v2(
      `/Users?filter=${encodeURIComponent('userName eq "test.user@okta.local"')}&startIndex=1&count=100`,
    );
    expect(lookup.body).toMatchObject({ totalResults: 0, startIndex: 1, itemsPerPage: 0 });

    const created = await server.v2('/Users', { method: 'POST', body: oktaUser(true) });
    expect(created.status).toBe(201);
    expect(created.body.password).toBeUndefined();
    const id = created.body.id;

    const found = await server.v2(
      `/Users?filter=${encodeURIComponent('userName eq "test.user@okta.local"')}&startIndex=1&count=100`,
    );
    expect(found.body.Resources[0].id).toBe(id);

    const renamed = await server.v2(`/Users/${id}`, {
      method: 'PUT',
      body: { ...oktaUser(true, 'Another'), id },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name.givenName).toBe('Another');

    const deactivated = await server.v2(`/Users/${id}`, {
      method: 'PUT',
      body: { ...oktaUser(false, 'Another'), id },
    });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);

    const reactivated = await server.v2(`/Users/${id}`, {
      method: 'PATCH',
      body: { schemas: [PATCH_OP_URN], Operations: [{ op: 'replace', value: { active: true } }] },
    });
    expect(reactivated.body.active).toBe(true);
  });

  it('pushes a group: create, rename (value carries the id), add and remove members', async () => {
    const member = await server.v2('/Users', {
      method: 'POST',
      body: { ...oktaUser(true), userName: 'member@okta.local', externalId: '00u-member' },
    });
    const group = await server.v2('/Groups', {
      method: 'POST',
      body: { schemas: [GROUP_SCHEMA], displayName: 'Test SCIMv2', members: [] },
    });
    expect(group.status).toBe(201);
    const gid = group.body.id;

    const renamed = await server.v2(`/Groups/${gid}`, {
      method: 'PATCH',
      body: {
        schemas: [PATCH_OP_URN],
        Operations: [{ op: 'replace', value: { id: gid, displayName: 'Test SCIMv2 updated' } }],
      },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.displayName).toBe('Test SCIMv2 updated');

    const added = await server.v2(`/Groups/${gid}`, {
      method: 'PATCH',
      body: {
        schemas: [PATCH_OP_URN],
        Operations: [
          { op: 'add', path: 'members', value: [{ value: member.body.id, display: 'member@okta.local' }] },
        ],
      },
    });
    expect(added.body.members).toEqual([
      expect.objectContaining({ value: member.body.id, display: 'member@okta.local', type: 'User' }),
    ]);

    const removed = await server.v2(`/Groups/${gid}`, {
      method: 'PATCH',
      body: {
        schemas: [PATCH_OP_URN],
        Operations: [{ op: 'remove', path: `members[value eq "${member.body.id}"]` }],
      },
    });
    expect(removed.body.members).toBeUndefined();

    expect((await server.v2(`/Groups/${gid}`, { method: 'DELETE' })).status).toBe(204);
    expect((await server.v2(`/Groups/${gid}`)).status).toBe(404);
  });
});
