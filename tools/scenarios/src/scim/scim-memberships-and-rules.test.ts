import { afterEach, describe, expect, it } from '@jest/globals';
import { groupsRule, usersRule } from '../engine-harness.js';
import { ScimEngineHarness } from './scim-engine-harness.js';
import { writesOf } from './scim-request-log.js';

/*
 * The membership preference (merge or overwrite) and "deprovision on rule deletion", hub →
 * SCIM 2.0 target through the real engine and connector.
 */

let harness: ScimEngineHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const ADA = 'ada.lovelace@example.com';
const GRACE = 'grace.hopper@example.com';
const OUTSIDER = 'outsider@example.com';

/** Ada and Grace in the hub group Engineering, synced; an outsider added to the remote group by hand. */
async function groupWithOutsider(membershipHandling: 'merge' | 'overwrite') {
  const h = await ScimEngineHarness.start({
    rules: [usersRule(), groupsRule()],
    preferences: { membershipHandling },
  });
  harness = h;
  const ada = await h.addUser(ADA);
  const grace = await h.addUser(GRACE);
  const group = await h.addGroup('Engineering', [ada, grace]);
  await h.sync('User');
  const first = await h.sync('Group');
  expect(first.counts).toMatchObject({ 'create.succeeded': 1, 'add-members.succeeded': 1 });
  expect(h.remoteMemberNames('Engineering')).toEqual([ADA, GRACE]);

  const outsider = h.simulator.store.users.seed({ userName: OUTSIDER, active: true });
  const [remote] = h.remoteGroupsNamed('Engineering');
  h.simulator.store.groups.update(remote!.id!, (current) => ({
    ...current,
    members: [...((current.members as { value: string }[]) ?? []), { value: outsider.id! }],
  }));
  return { h, ada, grace, group };
}

describe('SCIM outbound: membership handling', () => {
  it('merge removes only the memberships idsync added, and keeps one added on the target', async () => {
    const { h, ada, group } = await groupWithOutsider('merge');
    await h.updateGroup(group, { memberIds: [ada] });
    h.simulator.requests.clear();

    const run = await h.sync('Group');
    expect(run.counts).toMatchObject({ 'remove-members.succeeded': 1 });
    expect(h.remoteMemberNames('Engineering')).toEqual([ADA, OUTSIDER]);
    const [patch] = h.simulator.requests.matching({ method: 'PATCH', path: '/Groups' });
    expect(JSON.stringify(patch?.body)).not.toContain(h.remoteUser(OUTSIDER)!.id!);
  });

  it('overwrite makes the remote group equal to the hub group, removing the outsider too', async () => {
    const { h, ada, group } = await groupWithOutsider('overwrite');
    await h.updateGroup(group, { memberIds: [ada] });
    await h.sync('Group');
    expect(h.remoteMemberNames('Engineering')).toEqual([ADA]);
    // The outsider stays a user; only the membership went.
    expect(h.remoteUser(OUTSIDER)).toBeDefined();
  });

  it('with nothing changed in the hub, merge leaves the outsider and writes nothing', async () => {
    const { h } = await groupWithOutsider('merge');
    h.simulator.requests.clear();
    await h.sync('Group');
    expect(writesOf(h.simulator)).toEqual([]);
    expect(h.remoteMemberNames('Engineering')).toEqual([ADA, GRACE, OUTSIDER]);
  });
});

describe('SCIM outbound: deleting a rule', () => {
  const rules = () => [
    usersRule({ id: 'engineers', name: 'Engineers', scope: { filter: 'title eq "Engineer"' } }),
    usersRule({ id: 'admins', name: 'Admins', scope: { filter: 'userType eq "admin"' } }),
  ];
  const ONLY = 'only.engineer@example.com';
  const BOTH = 'engineer.admin@example.com';

  async function provision(
    deprovisionOnRuleDeletion: boolean,
    removeAction: 'disable' | 'delete' = 'disable',
  ) {
    const h = await ScimEngineHarness.start({
      rules: rules(),
      preferences: { deprovisionOnRuleDeletion, removeAction, allowDeprovision: true },
    });
    harness = h;
    await h.addUser(ONLY, { title: 'Engineer' });
    await h.addUser(BOTH, { title: 'Engineer', userType: 'admin' });
    await h.sync();
    const deleted = h.rules[0]!;
    h.rules = h.rules.slice(1);
    h.simulator.requests.clear();
    return { h, deleted };
  }

  it('on, remove action disable: what only that rule provisioned is disabled; the rest keeps its link', async () => {
    const { h, deleted } = await provision(true);
    const run = await h.deleteRule(deleted);
    expect(run.counts).toMatchObject({ 'planned.disable': 1 });
    expect(writesOf(h.simulator)).toEqual(['PATCH /Users/{id} 200']);
    expect(h.remoteUser(ONLY)?.active).toBe(false);
    expect(h.remoteUser(BOTH)?.active).toBe(true);
    const kept = await h.store.links.get('target', 'User', (await h.store.hub.findByUserName(BOTH))!.id);
    expect(kept?.ruleIds).toEqual(['admins']);
  });

  it('on, remove action delete: what only that rule provisioned is deleted', async () => {
    const { h, deleted } = await provision(true, 'delete');
    await h.deleteRule(deleted);
    expect(writesOf(h.simulator)).toEqual(['DELETE /Users/{id} 204']);
    expect([...h.remoteUsers().keys()]).toEqual([BOTH]);
  });

  it('off: the links are released, the remote users left alone, and later syncs leave them alone too', async () => {
    const { h, deleted } = await provision(false);
    const run = await h.deleteRule(deleted);
    expect(run.counts).toMatchObject({ 'planned.release': 1 });
    await h.sync();
    expect(writesOf(h.simulator)).toEqual([]);
    expect(h.remoteUser(ONLY)?.active).toBe(true);
    expect(
      await h.store.links.get('target', 'User', (await h.store.hub.findByUserName(ONLY))!.id),
    ).toBeUndefined();
  });
});
