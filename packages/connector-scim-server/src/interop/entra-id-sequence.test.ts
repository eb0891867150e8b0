import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, PATCH_OP_URN, USER_SCHEMA } from '@idsync/scim';
import { startScimTestServer, type ScimTestServer } from '../testing/scim-test-server.js';

/**
 * The requests Entra ID's provisioning service sends, in the order and shape Microsoft
 * documents for SCIM endpoints: filter by userName before creating, PATCH with capitalised op
 * names, `"active": "False"` as a string, a bare manager id, and group member removal as a
 * `Remove` of `members` with a value list.
 */
let server: ScimTestServer;
beforeAll(async () => {
  server = await startScimTestServer();
});
afterAll(async () => {
  await server.close();
});

const entraUser = (userName: string, externalId: string) => ({
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
  externalId,
  userName,
  active: true,
  emails: [{ primary: true, type: 'work', value: `${userName}@testuser.com` }],
  meta: { resourceType: 'User' },
  name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
  roles: [],
});

const patchOps = (...Operations: unknown[]) => ({ schemas: [PATCH_OP_URN], Operations });

describe('an Entra ID provisioning cycle', () => {
  it('creates, updates, disables and groups users the way Entra ID does', async () => {
    const userName = 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1';
    const query = `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`;
    const before = await server.v2(query);
    expect(before.body).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await server.v2('/Users', {
      method: 'POST',
      body: entraUser(userName, '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef'),
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body.externalId).toBe('0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef');

    // Entra matches on its own identifier before it decides to create: it must find the user.
    const byExternalId = await server.v2(
      `/Users?filter=${encodeURIComponent('externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"')}`,
    );
    expect(byExternalId.body.Resources.map((r: { id: string }) => r.id)).toEqual([id]);
    const byUserName = await server.v2(
      `/Users?filter=${encodeURIComponent(`userName eq "${userName.toLowerCase()}"`)}`,
    );
    expect(byUserName.body.totalResults).toBe(1);

    const updated = await server.v2(`/Users/${id}`, {
      method: 'PATCH',
      body: patchOps(
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
      ),
    });
    expect(updated.status).toBe(200);
    expect(updated.body.emails).toEqual([
      { primary: true, type: 'work', value: 'updatedEmail@microsoft.com' },
    ]);
    expect(updated.body.name.familyName).toBe('updatedFamilyName');

    const manager = await server.v2('/Users', { method: 'POST', body: entraUser('Manager_User', 'mgr-1') });
    const withManager = await server.v2(`/Users/${id}`, {
      method: 'PATCH',
      body: patchOps({ op: 'Add', path: `${ENTERPRISE_USER_SCHEMA}:manager`, value: manager.body.id }),
    });
    expect(withManager.body[ENTERPRISE_USER_SCHEMA].manager.value).toBe(manager.body.id);

    const disabled = await server.v2(`/Users/${id}`, {
      method: 'PATCH',
      body: patchOps({ op: 'Replace', path: 'active', value: 'False' }),
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.active).toBe(false);
    expect((await server.v2(`/Users/${id}`)).body.active).toBe(false);

    const deleted = await server.v2(`/Users/${manager.body.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
  });

  it('provisions a group and removes only the members Entra names', async () => {
    const ids: string[] = [];
    for (const name of ['Entra_A', 'Entra_B', 'Entra_C']) {
      ids.push((await server.v2('/Users', { method: 'POST', body: entraUser(name, `ext-${name}`) })).body.id);
    }
    const groupName = 'displayName_8d8ba7b0';
    const lookup = await server.v2(
      `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq "${groupName}"`)}`,
    );
    expect(lookup.body.totalResults).toBe(0);
    const group = await server.v2('/Groups', {
      method: 'POST',
      body: {
        schemas: [GROUP_SCHEMA],
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        displayName: groupName,
        meta: { resourceType: 'Group' },
      },
    });
    expect(group.status).toBe(201);
    const gid = group.body.id;

    const added = await server.v2(`/Groups/${gid}`, {
      method: 'PATCH',
      body: patchOps({ op: 'Add', path: 'members', value: ids.map((value) => ({ $ref: null, value })) }),
    });
    expect(added.status).toBe(200);
    expect(added.body.members).toHaveLength(3);

    const removed = await server.v2(`/Groups/${gid}`, {
      method: 'PATCH',
      body: patchOps({ op: 'Remove', path: 'members', value: [{ $ref: null, value: ids[1] }] }),
    });
    expect(removed.status).toBe(200);
    const after = await server.v2(`/Groups/${gid}`);
    expect(after.body.members.map((m: { value: string }) => m.value)).toEqual([ids[0], ids[2]]);

    const renamed = await server.v2(`/Groups/${gid}`, {
      method: 'PATCH',
      body: patchOps({
        op: 'Replace',
        path: 'displayName',
        value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName',
      }),
    });
    expect(renamed.body.displayName).toBe('1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName');
    const slim = await server.v2(`/Groups/${gid}?excludedAttributes=members`);
    expect(slim.body.members).toBeUndefined();
    expect(slim.body.displayName).toContain('updatedDisplayName');
  });
});
