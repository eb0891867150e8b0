import { afterEach, describe, expect, it } from '@jest/globals';
import { GROUP_SCHEMA } from '@idsync/scim';
import { EngineHarness, groupsRule, usersRule } from './engine-harness.js';

let harness: EngineHarness;
afterEach(async () => harness?.close());

/** Counts the remote group member reads: a group planned again reads its members. */
function countMemberReads(h: EngineHarness): { count: number } {
  const reads = { count: 0 };
  const connector = h.connector as { readMembers: (...args: never[]) => unknown };
  const original = connector.readMembers.bind(h.connector);
  connector.readMembers = (...args: never[]) => {
    reads.count++;
    return original(...args);
  };
  return reads;
}

const remoteMembers = (groupName: string) => {
  const group = harness.target.findByName('Group', groupName)!;
  return harness.target
    .membersOf(group.remoteId)
    .map((id) => String(harness.target.get('User', id)?.attributes.userName))
    .sort();
};

async function addGroup(displayName: string, memberIds: readonly string[]): Promise<string> {
  const population = await harness.store.hub.defaultPopulation();
  const group = await harness.store.hub.create('Group', population.id, {
    schemas: [GROUP_SCHEMA],
    displayName,
    members: memberIds.map((value) => ({ value, type: 'User' })),
  });
  return group.id;
}

describe('members provisioned after their group', () => {
  it('an incremental group run adds a user the user run provisioned after the group', async () => {
    harness = await EngineHarness.start({ rules: [usersRule(), groupsRule()] });
    const ada = await harness.addUser('ada.lovelace@example.com');
    const group = await addGroup('Engineering', [ada]);

    // The group run comes first: Ada has no remote account yet, so she cannot be a member.
    await harness.sync('Group');
    expect(remoteMembers('Engineering')).toEqual([]);

    await harness.sync('User');
    expect(await harness.store.links.get('target', 'Group', group)).toMatchObject({ state: 'pending' });

    // Nothing changed in the hub for the group: only the link says its members need planning.
    const run = await harness.sync('Group', { mode: 'incremental' });
    expect(run.mode).toBe('incremental');
    expect(run.counts).toMatchObject({ 'add-members.succeeded': 1 });
    expect(remoteMembers('Engineering')).toEqual(['ada.lovelace@example.com']);
    expect(await harness.store.links.get('target', 'Group', group)).toMatchObject({ state: 'in-sync' });
    expect(await harness.store.links.createdMemberships('target', group)).toEqual([ada]);
  });

  it('marks nested groups too, and only groups of the user that arrived', async () => {
    harness = await EngineHarness.start({ rules: [usersRule(), groupsRule()] });
    const ada = await harness.addUser('ada.lovelace@example.com');
    const grace = await harness.addUser('grace.hopper@example.com');
    await harness.sync('User');
    const team = await addGroup('Compilers', []);
    const population = await harness.store.hub.defaultPopulation();
    const outer = await harness.store.hub.create('Group', population.id, {
      schemas: [GROUP_SCHEMA],
      displayName: 'Engineering',
      members: [{ value: team, type: 'Group' }],
    });
    const other = await addGroup('Finance', [grace]);
    await harness.sync('Group');

    // Ada joins the inner group on the hub while she is not linked (her account was released).
    await harness.store.links.release('target', 'User', ada);
    const current = (await harness.store.hub.get('Group', team))!;
    await harness.store.hub.replace('Group', team, {
      ...current.resource,
      members: [{ value: ada, type: 'User' }],
    });
    await harness.sync('User');

    expect(await harness.store.links.get('target', 'Group', team)).toMatchObject({ state: 'pending' });
    expect(await harness.store.links.get('target', 'Group', outer.id)).toMatchObject({ state: 'pending' });
    expect(await harness.store.links.get('target', 'Group', other)).toMatchObject({ state: 'in-sync' });
    await harness.sync('Group', { mode: 'incremental' });
    expect(remoteMembers('Compilers')).toEqual(['ada.lovelace@example.com']);
    expect(remoteMembers('Engineering')).toEqual(['ada.lovelace@example.com']);
  });

  it('does not plan groups whose members are all provisioned again on every incremental run', async () => {
    harness = await EngineHarness.start({ rules: [usersRule(), groupsRule()] });
    const ada = await harness.addUser('ada.lovelace@example.com');
    await addGroup('Engineering', [ada]);
    await harness.sync('Group');
    await harness.sync('User');
    await harness.sync('Group', { mode: 'incremental' });
    expect(remoteMembers('Engineering')).toEqual(['ada.lovelace@example.com']);

    const reads = countMemberReads(harness);
    const quiet = await harness.sync('Group', { mode: 'incremental' });
    expect(quiet.counts).toEqual({ 'source.objects': 0 });
    expect(reads.count).toBe(0);

    // A user run that provisions nobody new marks no group either.
    await harness.sync('User', { mode: 'incremental' });
    const again = await harness.sync('Group', { mode: 'incremental' });
    expect(again.counts).toEqual({ 'source.objects': 0 });
    expect(reads.count).toBe(0);
  });
});

describe('members deprovisioned after their group', () => {
  it('an incremental group run takes out a member the user run disabled (out of scope)', async () => {
    const engineersOnly = usersRule({ scope: { filter: 'title eq "Engineer"' } });
    harness = await EngineHarness.start({ rules: [engineersOnly, groupsRule()] });
    const ada = await harness.addUser('ada.lovelace@example.com', { title: 'Engineer' });
    const grace = await harness.addUser('grace.hopper@example.com', { title: 'Engineer' });
    const group = await addGroup('Engineering', [ada, grace]);
    await harness.sync('User');
    await harness.sync('Group');
    expect(remoteMembers('Engineering')).toEqual(['ada.lovelace@example.com', 'grace.hopper@example.com']);

    // Grace leaves the rule's scope: the user run disables her account (the remove action).
    await harness.updateUser(grace, { title: 'Manager' });
    expect((await harness.sync('User', { mode: 'incremental' })).counts).toMatchObject({
      'disable.succeeded': 1,
    });
    expect(await harness.store.links.get('target', 'Group', group)).toMatchObject({ state: 'pending' });

    // No hub change names the group; its link does, and the group run takes her out.
    const run = await harness.sync('Group', { mode: 'incremental' });
    expect(run.counts).toMatchObject({ 'remove-members.succeeded': 1 });
    expect(remoteMembers('Engineering')).toEqual(['ada.lovelace@example.com']);
    expect(await harness.store.links.get('target', 'Group', group)).toMatchObject({ state: 'in-sync' });
  });
});
