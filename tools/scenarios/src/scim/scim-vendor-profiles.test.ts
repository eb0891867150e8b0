import { afterEach, describe, expect, it } from '@jest/globals';
import { USER_SCHEMA } from '@idsync/scim';
import { groupsRule, usersRule } from '../engine-harness.js';
import { ScimEngineHarness } from './scim-engine-harness.js';
import { writesOf } from './scim-request-log.js';

/*
 * The vendor presets through the engine, against the simulator's vendor profiles: the target
 * refuses what the vendor refuses, so anything the connector gets wrong fails here.
 */

let harness: ScimEngineHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const ADA = 'ada.lovelace@example.com';
const GRACE = 'grace.hopper@example.com';

const aws = () =>
  ScimEngineHarness.start({
    target: { profile: 'aws-identity-center' },
    connector: { preset: 'aws-identity-center' },
    rules: [usersRule(), groupsRule()],
  }).then((h) => (harness = h));

const atlassian = (preferences = {}) =>
  ScimEngineHarness.start({
    target: { profile: 'atlassian' },
    connector: { preset: 'atlassian' },
    rules: [usersRule(), groupsRule()],
    preferences,
  }).then((h) => (harness = h));

const memberChanges = (body: unknown): number =>
  ((body as { Operations?: { value?: unknown[] }[] }).Operations ?? []).reduce(
    (sum, operation) => sum + (Array.isArray(operation.value) ? operation.value.length : 1),
    0,
  );

describe('hub → AWS IAM Identity Center', () => {
  it('reports a user missing name parts as failed, without sending it; the others are created', async () => {
    const h = await aws();
    await h.addUser(ADA);
    const nameless = await h.addRawUser({
      schemas: [USER_SCHEMA],
      userName: 'nameless@example.com',
      displayName: 'No Name',
      active: true,
    });
    const run = await h.sync('User');

    expect(run.status).toBe('partial');
    expect(run.counts).toMatchObject({ 'create.succeeded': 1, 'create.failed': 1 });
    expect([...h.remoteUsers().keys()]).toEqual([ADA]);
    const link = await h.store.links.get('target', 'User', nameless);
    expect(link?.state).toBe('failed');
    expect(link?.lastError).toEqual(expect.stringContaining('name.givenName'));
    expect(link?.lastError).toEqual(expect.stringContaining('name.familyName'));
    // The only request about that user is the engine's correlation lookup: no POST was made.
    const aboutNameless = h.simulator.requests
      .all()
      .filter((r) => JSON.stringify(r).includes('nameless@example.com'));
    expect(aboutNameless.map((r) => r.method)).toEqual(['GET']);
    expect(h.simulator.requests.matching({ method: 'POST' })).toHaveLength(1);
  });

  it('adds 150 members in PATCHes of at most 100 changes, and removes 120 the same way', async () => {
    const h = await aws();
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) ids.push(await h.addUser(`member${i}.x@example.com`));
    const group = await h.addGroup('Everyone', ids);
    expect((await h.sync('User')).status).toBe('succeeded');
    h.simulator.requests.clear();

    const run = await h.sync('Group');
    expect(run.status).toBe('succeeded');
    expect(h.remoteMemberNames('Everyone')).toHaveLength(150);
    const adds = h.simulator.requests.matching({ method: 'PATCH', path: '/Groups' });
    expect(adds.map((r) => r.status)).toEqual([204, 204]);
    expect(adds.map((r) => memberChanges(r.body)).sort((a, b) => a - b)).toEqual([50, 100]);

    await h.updateGroup(group, { memberIds: ids.slice(0, 30) });
    h.simulator.requests.clear();
    expect((await h.sync('Group')).status).toBe('succeeded');
    expect(h.remoteMemberNames('Everyone')).toHaveLength(30);
    const removals = h.simulator.requests.matching({ method: 'PATCH', path: '/Groups' });
    expect(removals.every((r) => memberChanges(r.body) <= 100)).toBe(true);
    expect(removals.reduce((sum, r) => sum + memberChanges(r.body), 0)).toBe(120);
  });

  it('renames a group by PATCH (AWS has no PUT on groups) and keeps its members', async () => {
    const h = await aws();
    const ada = await h.addUser(ADA);
    const group = await h.addGroup('Engineering', [ada]);
    await h.sync('User');
    await h.sync('Group');
    const [before] = h.remoteGroupsNamed('Engineering');
    await h.updateGroup(group, { displayName: 'Platform' });
    h.simulator.requests.clear();

    expect((await h.sync('Group')).status).toBe('succeeded');
    expect(writesOf(h.simulator)).toEqual(['PATCH /Groups/{id} 204']);
    expect(h.remoteGroupsNamed('Platform').map((g) => g.id)).toEqual([before!.id]);
    expect(h.remoteMemberNames('Platform')).toEqual([ADA]);
  });
});

describe('hub → Atlassian Cloud', () => {
  it('renames a group by re-creating it with its members; the link follows the new group', async () => {
    const h = await atlassian();
    const ada = await h.addUser(ADA);
    const grace = await h.addUser(GRACE);
    const group = await h.addGroup('Engineering', [ada, grace]);
    await h.sync('User');
    await h.sync('Group');
    await h.updateGroup(group, { displayName: 'Platform' });
    h.simulator.requests.clear();

    const rename = await h.sync('Group');
    expect(rename.status).toBe('succeeded');
    // Create the new group, move the members, delete the old one.
    expect(writesOf(h.simulator)).toEqual([
      'POST /Groups 201',
      'PATCH /Groups/{id} 200',
      'DELETE /Groups/{id} 204',
    ]);
    expect(h.remoteGroupsNamed('Engineering')).toEqual([]);
    expect(h.remoteMemberNames('Platform')).toEqual([ADA, GRACE]);
    const [renamed] = h.remoteGroupsNamed('Platform');

    // The connector reports the new id, so the link follows the group it now names.
    expect((await h.store.links.get('target', 'Group', group))?.remoteId).toBe(renamed!.id);

    // A new process, where nothing remembers the rename but the store: the next run is clean.
    await h.restart();
    const next = await h.sync('Group');
    expect(next.status).toBe('succeeded');
    expect(Object.keys(next.counts).filter((key) => key.startsWith('planned.'))).toEqual([]);
    expect(h.simulator.store.groups.size).toBe(1);
    expect(h.remoteMemberNames('Platform')).toEqual([ADA, GRACE]);
  });

  it('deletes a user by deactivating it for good, as Atlassian does', async () => {
    const h = await atlassian({ removeAction: 'delete', allowDeprovision: true });
    const ada = await h.addUser(ADA);
    await h.addUser(GRACE);
    await h.sync('User');
    await h.store.hub.delete('User', ada);
    expect((await h.sync('User')).status).toBe('succeeded');
    expect([...h.remoteUsers().keys()]).toEqual([GRACE]);
    expect(h.simulator.store.users.hiddenResources()).toEqual([
      expect.objectContaining({ userName: ADA, active: false }),
    ]);
  });
});
