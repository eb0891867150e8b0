import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { HubObject, HubStore } from '@idsync/core';
import { GROUP_SCHEMA, ScimError, USER_SCHEMA } from '@idsync/scim';
import { DIALECTS, testStores } from '../testing/store-test-targets.js';

describe.each(DIALECTS)('hub groups and memberships on %s', (dialect) => {
  const stores = testStores(dialect);
  let hub: HubStore;
  let populationId: string;

  const newUser = (name = `user-${randomUUID()}`) =>
    hub.create('User', populationId, { schemas: [USER_SCHEMA], userName: name });
  const newGroup = (members: readonly HubObject[] = [], name = `group-${randomUUID()}`) =>
    hub.create('Group', populationId, {
      schemas: [GROUP_SCHEMA],
      displayName: name,
      members: members.map((m) => ({ value: m.id, type: m.type })),
    });
  const sorted = (ids: string[]) => [...ids].sort();

  beforeAll(async () => {
    hub = (await stores.open()).hub;
    populationId = (await hub.defaultPopulation()).id;
  });
  afterAll(() => stores.cleanup());

  it("fills users' read-only groups attribute with their direct groups", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const admins = await newGroup([alice], 'Admins ' + randomUUID());
    const staff = await newGroup([alice, bob]);
    const read = await hub.get('User', alice.id);
    expect(read?.resource.groups).toEqual(
      [
        { value: admins.id, display: admins.resource.displayName, type: 'direct' },
        { value: staff.id, display: staff.resource.displayName, type: 'direct' },
      ].sort((a, b) => a.value.localeCompare(b.value)),
    );
    expect((await hub.get('User', bob.id))?.resource.groups).toEqual([
      { value: staff.id, display: staff.resource.displayName, type: 'direct' },
    ]);
    // Users in no group have no groups attribute at all.
    expect((await newUser()).resource.groups).toBeUndefined();
  });

  it('keeps the membership index in step with every group write', async () => {
    const [a, b, c] = [await newUser(), await newUser(), await newUser()];
    const group = await newGroup([a, b]);
    expect(sorted(await hub.membersOf(group.id, false))).toEqual(sorted([a.id, b.id]));
    await hub.replace('Group', group.id, {
      schemas: [GROUP_SCHEMA],
      displayName: group.resource.displayName,
      members: [{ value: c.id }],
    });
    expect(await hub.membersOf(group.id, false)).toEqual([c.id]);
    expect(await hub.groupsOf(a.id, false)).toEqual([]);
    expect((await hub.get('User', a.id))?.resource.groups).toBeUndefined();
    expect(await hub.groupsOf(c.id, false)).toEqual([group.id]);
  });

  it('refuses members that are not hub objects and changes nothing', async () => {
    const a = await newUser();
    const group = await newGroup([a]);
    const ghost = randomUUID();
    const error = await hub
      .replace('Group', group.id, {
        schemas: [GROUP_SCHEMA],
        displayName: 'x',
        members: [{ value: a.id }, { value: ghost }],
      })
      .catch((e: unknown) => e as ScimError);
    expect(error).toBeInstanceOf(ScimError);
    expect((error as ScimError).status).toBe(400);
    expect((error as ScimError).detail).toContain(ghost);
    const malformed = await newGroup().then((g) =>
      hub
        .replace('Group', g.id, { schemas: [GROUP_SCHEMA], displayName: 'y', members: [{ value: 'bob' }] })
        .catch((e: unknown) => e),
    );
    expect((malformed as ScimError).detail).toContain('"bob"');
    expect((await hub.get('Group', group.id))?.resource.displayName).toBe(group.resource.displayName);
    expect(await hub.membersOf(group.id, false)).toEqual([a.id]);
  });

  it('removes a deleted user from every group, bumping those groups and recording the change', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const g1 = await newGroup([a, b]);
    const g2 = await newGroup([a]);
    const cursor = await hub.latestChangeCursor();
    expect(await hub.delete('User', a.id)).toBe(true);
    const g1After = await hub.get('Group', g1.id);
    expect(g1After?.resource.members).toEqual([{ value: b.id, type: 'User' }]);
    expect(g1After?.version).toBe(g1.version + 1);
    const g2After = await hub.get('Group', g2.id);
    expect(g2After?.resource.members).toBeUndefined();
    expect(await hub.membersOf(g2.id, false)).toEqual([]);
    const changes = await hub.changesAfter(cursor, 100);
    expect(
      changes
        .filter((c) => c.kind === 'membership')
        .map((c) => c.objectId)
        .sort(),
    ).toEqual(sorted([g1.id, g2.id]));
    expect(changes.at(-1)).toMatchObject({ objectType: 'User', objectId: a.id, kind: 'delete' });
  });

  it("deleting a group takes it out of its parents and out of its members' groups", async () => {
    const a = await newUser();
    const child = await newGroup([a]);
    const parent = await newGroup([child]);
    await hub.delete('Group', child.id);
    expect((await hub.get('User', a.id))?.resource.groups).toBeUndefined();
    expect((await hub.get('Group', parent.id))?.resource.members).toBeUndefined();
  });

  it('follows nested groups transitively and stops on cycles', async () => {
    const [u1, u2, u3] = [await newUser(), await newUser(), await newUser()];
    const leaf = await newGroup([u1]);
    const middle = await newGroup([leaf, u2]);
    const top = await newGroup([middle]);
    // Close a cycle: leaf contains top.
    await hub.replace('Group', leaf.id, {
      schemas: [GROUP_SCHEMA],
      displayName: leaf.resource.displayName,
      members: [{ value: u1.id }, { value: top.id }, { value: u3.id }],
    });
    expect(sorted(await hub.membersOf(top.id, true))).toEqual(sorted([u1.id, u2.id, u3.id]));
    expect(await hub.membersOf(top.id, false)).toEqual([middle.id]);
    expect(sorted(await hub.groupsOf(u1.id, true))).toEqual(sorted([leaf.id, middle.id, top.id]));
    expect(await hub.groupsOf(u1.id, false)).toEqual([leaf.id]);
    // A group in a cycle is not reported as its own group.
    expect(sorted(await hub.groupsOf(leaf.id, true))).toEqual(sorted([middle.id, top.id]));
    expect(await hub.groupsOf('not-a-uuid', true)).toEqual([]);
  });

  it('accepts upper-case member ids and repeats, storing each member once in canonical form', async () => {
    const a = await newUser();
    const group = await hub.create('Group', populationId, {
      schemas: [GROUP_SCHEMA],
      displayName: `dup-${randomUUID()}`,
      members: [{ value: a.id.toUpperCase(), display: 'A' }, { VALUE: a.id }],
    });
    expect(group.resource.members).toEqual([{ value: a.id, display: 'A' }]);
    expect(await hub.membersOf(group.id, false)).toEqual([a.id]);
  });
});
