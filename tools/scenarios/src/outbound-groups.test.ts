import { afterEach, describe, expect, it } from '@jest/globals';
import { GROUP_SCHEMA } from '@idsync/scim';
import { EngineHarness, groupsRule, usersRule } from './engine-harness.js';

let harness: EngineHarness;
afterEach(async () => harness?.close());

async function setUp(membershipHandling: 'merge' | 'overwrite') {
  harness = await EngineHarness.start({
    rules: [usersRule(), groupsRule()],
    preferences: { membershipHandling },
  });
  const ada = await harness.addUser('ada.lovelace@example.com');
  const grace = await harness.addUser('grace.hopper@example.com');
  const population = await harness.store.hub.defaultPopulation();
  const group = await harness.store.hub.create('Group', population.id, {
    schemas: [GROUP_SCHEMA],
    displayName: 'Engineering',
    members: [
      { value: ada, type: 'User' },
      { value: grace, type: 'User' },
    ],
  });
  await harness.sync('User');
  const run = await harness.sync('Group');
  const remoteGroup = harness.target.findByName('Group', 'Engineering')!;
  return { ada, grace, group: group.id, run, remoteGroup };
}

const remoteMemberNames = () => {
  const group = harness.target.findByName('Group', 'Engineering')!;
  return harness.target
    .membersOf(group.remoteId)
    .map((id) => String(harness.target.get('User', id)?.attributes.userName))
    .sort();
};

describe('outbound groups and memberships', () => {
  it('creates the group, then adds the provisioned members', async () => {
    const { run } = await setUp('merge');
    expect(run.counts).toMatchObject({ 'create.succeeded': 1, 'add-members.succeeded': 1 });
    expect(remoteMemberNames()).toEqual(['ada.lovelace@example.com', 'grace.hopper@example.com']);
    expect(
      await harness.store.links.createdMemberships(
        'target',
        (await harness.store.hub.search('Group', { startIndex: 1, count: 1 })).objects[0]!.id,
      ),
    ).toHaveLength(2);
  });

  it('merge removes only members idsync added, never ones added outside idsync', async () => {
    const { grace, group, remoteGroup } = await setUp('merge');
    const outsider = harness.target.insert('User', { attributes: { userName: 'outsider@example.com' } });
    harness.target.addMembers(remoteGroup.remoteId, [outsider.remoteId]);

    const current = (await harness.store.hub.get('Group', group))!;
    await harness.store.hub.replace('Group', group, {
      ...current.resource,
      members: (current.resource.members as { value: string }[]).filter((m) => m.value !== grace),
    });
    const run = await harness.sync('Group');
    expect(run.counts).toMatchObject({ 'remove-members.succeeded': 1 });
    expect(remoteMemberNames()).toEqual(['ada.lovelace@example.com', 'outsider@example.com']);
  });

  it('overwrite makes the remote group equal to the hub group', async () => {
    const { remoteGroup } = await setUp('overwrite');
    const outsider = harness.target.insert('User', { attributes: { userName: 'outsider@example.com' } });
    harness.target.addMembers(remoteGroup.remoteId, [outsider.remoteId]);
    await harness.sync('Group');
    expect(remoteMemberNames()).toEqual(['ada.lovelace@example.com', 'grace.hopper@example.com']);
  });

  it('sends large membership changes in batches of the connector maximum', async () => {
    harness = await EngineHarness.start({
      rules: [usersRule(), groupsRule()],
      capabilities: { maxMembersPerRequest: 50 },
    });
    const population = await harness.store.hub.defaultPopulation();
    const members = [];
    for (let i = 0; i < 120; i++)
      members.push({ value: await harness.addUser(`member${i}.x@example.com`), type: 'User' });
    await harness.store.hub.create('Group', population.id, {
      schemas: [GROUP_SCHEMA],
      displayName: 'Everyone',
      members,
    });
    await harness.sync('User');
    harness.target.faults.resetCounts();
    await harness.sync('Group');
    const group = harness.target.findByName('Group', 'Everyone')!;
    expect(harness.target.membersOf(group.remoteId)).toHaveLength(120);
    expect(harness.target.faults.callCount('addMembers')).toBe(3);
  });
});
