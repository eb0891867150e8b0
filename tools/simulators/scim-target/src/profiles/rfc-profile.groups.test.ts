import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startScimTarget, type ScimTarget } from '../start-scim-target.js';
import { membersOf } from '../store/target-store.js';
import { groupBody, patchBody, userBody } from '../test-support/fixtures.js';
import { scimClient, type ScimClient } from '../test-support/scim-http.js';

describe('rfc profile: groups and memberships over HTTP', () => {
  let target: ScimTarget;
  let client: ScimClient;
  let alice: string;
  let bob: string;

  beforeEach(async () => {
    target = await startScimTarget({ profile: 'rfc' });
    client = scimClient(target);
    alice = (await client.post('/Users', userBody('alice'))).body.id;
    bob = (await client.post('/Users', userBody('bob'))).body.id;
  });
  afterEach(() => target.close());

  it('serves members with type, display and $ref, and the user read-only groups', async () => {
    const created = await client.post('/Groups', groupBody('Engineering', [alice]));
    expect(created.status).toBe(201);
    const group = (await client.get(`/Groups/${created.body.id}`)).body;
    expect(group.members).toEqual([
      { value: alice, type: 'User', display: 'alice display', $ref: `${target.baseUrl}/Users/${alice}` },
    ]);
    const user = (await client.get(`/Users/${alice}`)).body;
    expect(user.groups).toEqual([
      {
        value: created.body.id,
        display: 'Engineering',
        type: 'direct',
        $ref: `${target.baseUrl}/Groups/${created.body.id}`,
      },
    ]);
    expect((await client.get(`/Users/${bob}`)).body.groups).toBeUndefined();
  });

  it('refuses a member id that is neither a user nor a group with 400', async () => {
    const answer = await client.post('/Groups', groupBody('Ghosts', ['no-such-user']));
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toContain('no-such-user');
    expect(target.store.groups.size).toBe(0);
  });

  it("removes only the listed members for Entra's remove-with-value form", async () => {
    const { body: group } = await client.post('/Groups', groupBody('Engineering', [alice, bob]));
    const answer = await client.patch(
      `/Groups/${group.id}`,
      patchBody({ op: 'Remove', path: 'members', value: [{ value: alice }] }),
    );
    expect(answer.status).toBe(200);
    expect(membersOf(target.store.groups.get(group.id)!).map((m) => m.value)).toEqual([bob]);
  });

  it('adds and removes members by value filter', async () => {
    const { body: group } = await client.post('/Groups', groupBody('Engineering', [alice]));
    await client.patch(
      `/Groups/${group.id}`,
      patchBody({ op: 'add', path: 'members', value: [{ value: bob }] }),
    );
    await client.patch(
      `/Groups/${group.id}`,
      patchBody({ op: 'remove', path: `members[value eq "${alice}"]` }),
    );
    expect(membersOf(target.store.groups.get(group.id)!).map((m) => m.value)).toEqual([bob]);
  });

  it('renames a group with PATCH (no rule against it in RFC 7644)', async () => {
    const { body: group } = await client.post('/Groups', groupBody('Engineering'));
    const renamed = await client.patch(
      `/Groups/${group.id}`,
      patchBody({ op: 'replace', path: 'displayName', value: 'R&D' }),
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body.displayName).toBe('R&D');
  });

  it('takes a deleted user out of every group', async () => {
    const { body: group } = await client.post('/Groups', groupBody('Engineering', [alice, bob]));
    const versionBefore = target.store.groups.get(group.id)!.meta!.version;
    await client.delete(`/Users/${alice}`);
    const stored = target.store.groups.get(group.id)!;
    expect(membersOf(stored).map((m) => m.value)).toEqual([bob]);
    expect(stored.meta!.version).not.toBe(versionBefore);
  });

  it('finds groups by member through a filter on the decorated members', async () => {
    const { body: engineering } = await client.post('/Groups', groupBody('Engineering', [alice]));
    await client.post('/Groups', groupBody('Sales', [bob]));
    const found = await client.get(`/Groups?filter=${encodeURIComponent(`members[value eq "${alice}"]`)}`);
    expect(found.body.Resources.map((g: { id: string }) => g.id)).toEqual([engineering.id]);
    const byGroup = await client.get(
      `/Users?filter=${encodeURIComponent(`groups.value eq "${engineering.id}"`)}`,
    );
    expect(byGroup.body.Resources.map((u: { id: string }) => u.id)).toEqual([alice]);
  });
});
