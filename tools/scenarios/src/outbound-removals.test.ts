import { afterEach, describe, expect, it } from '@jest/globals';
import { EngineHarness, usersRule } from './engine-harness.js';

let harness: EngineHarness;
afterEach(async () => harness?.close());

const engineersOnly = usersRule({ scope: { filter: 'title eq "Engineer"' } });

describe('outbound: leaving scope, remove actions and the deletion guard', () => {
  it('disables a user who leaves the scope (remove action "disable"), and enables them on return', async () => {
    harness = await EngineHarness.start({ rules: [engineersOnly] });
    const id = await harness.addUser('ada.lovelace@example.com', { title: 'Engineer' });
    await harness.sync();
    await harness.updateUser(id, { title: 'Manager' });

    const run = await harness.sync();
    expect(run.counts).toMatchObject({ 'planned.disable': 1, 'disable.succeeded': 1 });
    expect(harness.remoteUsers().get('ada.lovelace@example.com')?.active).toBe(false);
    expect((await harness.store.links.get('target', 'User', id))?.state).toBe('deprovisioned');

    await harness.updateUser(id, { title: 'Engineer' });
    await harness.sync();
    expect(harness.remoteUsers().get('ada.lovelace@example.com')?.active).toBe(true);
  });

  it('deletes only when the remove action is delete and deprovisioning is allowed', async () => {
    harness = await EngineHarness.start({ rules: [engineersOnly], preferences: { removeAction: 'delete' } });
    const id = await harness.addUser('ada.lovelace@example.com', { title: 'Engineer' });
    await harness.sync();
    await harness.updateUser(id, { title: 'Manager' });

    const refused = await harness.sync();
    expect(refused.counts).toMatchObject({ 'planned.skip': 1 });
    expect(harness.target.count('User')).toBe(1);

    harness.setPreferences({ allowDeprovision: true });
    const deleted = await harness.sync();
    expect(deleted.counts).toMatchObject({ 'delete.succeeded': 1 });
    expect(harness.target.count('User')).toBe(0);
    expect(await harness.store.links.get('target', 'User', id)).toBeUndefined();
  });

  it('deprovisions a user deleted from the hub', async () => {
    harness = await EngineHarness.start();
    const id = await harness.addUser('ada.lovelace@example.com');
    await harness.addUser('grace.hopper@example.com');
    await harness.sync();
    await harness.store.hub.delete('User', id);
    const run = await harness.sync();
    expect(run.counts).toMatchObject({ 'planned.disable': 1 });
    expect(harness.remoteUsers().get('ada.lovelace@example.com')?.active).toBe(false);
  });

  it('trips the circuit breaker before writing anything, and carries out the plan once approved', async () => {
    harness = await EngineHarness.start({
      rules: [engineersOnly],
      deletionGuard: { maxCount: 5, maxShare: 1, minRemovalsForShare: 1 },
    });
    const ids = [];
    for (let i = 0; i < 12; i++)
      ids.push(await harness.addUser(`user${i}.x@example.com`, { title: 'Engineer' }));
    await harness.sync();
    for (const id of ids.slice(0, 8)) await harness.updateUser(id, { title: 'Manager' });
    const extra = await harness.addUser('new.hire@example.com', { title: 'Engineer' });

    const stopped = await harness.sync();
    expect(stopped.status).toBe('awaiting-approval');
    expect(stopped.reason).toContain('8 objects');
    expect([...harness.remoteUsers().values()].filter((u) => u.active === false)).toHaveLength(0);
    expect(harness.remoteUsers().has('new.hire@example.com')).toBe(false);
    expect(await harness.store.links.get('target', 'User', extra)).toBeUndefined();

    await harness.store.runs.approve({
      runId: stopped.runId,
      approvedBy: 'operator@example.com',
      approvedAt: new Date().toISOString(),
    });
    const resumed = await harness.sync();
    expect(resumed.status).toBe('succeeded');
    expect([...harness.remoteUsers().values()].filter((u) => u.active === false)).toHaveLength(8);
    expect((await harness.store.runs.get(stopped.runId))?.status).toBe('cancelled');

    // The approval was used up: the next mass removal stops again.
    for (const id of ids.slice(8)) await harness.updateUser(id, { title: 'Manager' });
    await harness.updateUser(extra, { title: 'Manager' });
    const second = await harness.sync();
    expect(second.status).toBe('succeeded'); // 5 removals: at the limit, not beyond it
    expect([...harness.remoteUsers().values()].filter((u) => u.active === false)).toHaveLength(13);
  });

  it('never deprovisions when the hub suddenly reads empty', async () => {
    harness = await EngineHarness.start();
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await harness.addUser(`user${i}.x@example.com`));
    await harness.sync();
    for (const id of ids) await harness.store.hub.delete('User', id);

    const run = await harness.sync();
    expect(run.status).toBe('awaiting-approval');
    expect(run.reason).toContain('no objects');
    expect([...harness.remoteUsers().values()].every((u) => u.active !== false)).toBe(true);
  });

  it('never deprovisions when reading the hub fails part way', async () => {
    harness = await EngineHarness.start({ rules: [engineersOnly] });
    const ids = [];
    // Fixed ids put the first user on the first page of the id-ordered scan and the last on the last page.
    const idFor = (i: number) =>
      i === 0
        ? '00000000-0000-4000-8000-000000000000'
        : i === 249
          ? 'ffffffff-ffff-4fff-bfff-ffffffffffff'
          : undefined;
    for (let i = 0; i < 250; i++) {
      const id = idFor(i);
      ids.push(await harness.addUser(`user${i}.x@example.com`, { title: 'Engineer', ...(id ? { id } : {}) }));
    }
    await harness.sync();
    await harness.updateUser(ids[0]!, { title: 'Manager' });
    await harness.updateUser(ids[249]!, { title: 'Manager' });
    await harness.addUser('late.joiner@example.com', { title: 'Engineer' });

    // The store fails after the first page of the scan.
    const hub = harness.store.hub;
    const scan = hub.scan.bind(hub);
    hub.scan = async function* (type, options) {
      let pages = 0;
      for await (const page of scan(type, options)) {
        if (pages++ === 1) throw new Error('connection to the database was lost');
        yield page;
      }
    };
    const run = await harness.sync();
    expect(run.status).toBe('partial');
    expect(run.reason).toContain('connection to the database was lost');
    expect(run.counts['disable.withheld']).toBe(1);
    expect([...harness.remoteUsers().values()].filter((u) => u.active === false)).toHaveLength(0);
  });
});

describe('outbound: deleting a rule', () => {
  const rules = () => [
    usersRule({ id: 'engineers', name: 'Engineers', scope: { filter: 'title eq "Engineer"' } }),
    usersRule({ id: 'admins', name: 'Admins', scope: { filter: 'userType eq "admin"' } }),
  ];

  async function provision(preferences: Parameters<typeof EngineHarness.start>[0]) {
    harness = await EngineHarness.start({ rules: rules(), ...preferences });
    await harness.addUser('only.engineer@example.com', { title: 'Engineer' });
    await harness.addUser('engineer.admin@example.com', { title: 'Engineer', userType: 'admin' });
    await harness.sync();
  }

  it('with "deprovision on rule deletion" on, removes what only that rule provisioned', async () => {
    await provision({ preferences: { deprovisionOnRuleDeletion: true } });
    const engineers = harness.rules[0]!;
    harness.rules = harness.rules.slice(1);
    const run = await harness.connectorDeleteRule(engineers);
    expect(run.counts).toMatchObject({ 'planned.disable': 1, 'planned.confirm': 1 });
    expect(harness.remoteUsers().get('only.engineer@example.com')?.active).toBe(false);
    expect(harness.remoteUsers().get('engineer.admin@example.com')?.active).not.toBe(false);
    const kept = await harness.linkOf('engineer.admin@example.com');
    expect(kept?.ruleIds).toEqual(['admins']);
  });

  it('with it off, releases the links and leaves the remote objects alone', async () => {
    await provision({});
    const engineers = harness.rules[0]!;
    harness.rules = harness.rules.slice(1);
    const run = await harness.connectorDeleteRule(engineers);
    expect(run.counts).toMatchObject({ 'planned.release': 1 });
    expect(harness.remoteUsers().get('only.engineer@example.com')?.active).not.toBe(false);
    expect(await harness.linkOf('only.engineer@example.com')).toBeUndefined();
    // A later sync does not touch the released object.
    const later = await harness.sync();
    expect(later.counts['planned.disable'] ?? 0).toBe(0);
  });
});
