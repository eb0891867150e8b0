import { afterEach, describe, expect, it } from '@jest/globals';
import { GROUP_SCHEMA } from '@idsync/scim';
import { EngineHarness, usersRule } from './engine-harness.js';

let harness: EngineHarness;
afterEach(async () => harness?.close());

describe('outbound incremental runs', () => {
  it('applies only what changed since the checkpoint, without reading unchanged objects remotely', async () => {
    harness = await EngineHarness.start();
    const ids = [];
    for (let i = 0; i < 20; i++) ids.push(await harness.addUser(`user${i}.x@example.com`));
    await harness.sync('User', { mode: 'full' });
    harness.target.faults.resetCounts();

    await harness.updateUser(ids[3]!, { title: 'Engineer' });
    await harness.updateUser(ids[3]!, { title: 'Senior Engineer' });
    await harness.addUser('new.hire@example.com');
    const run = await harness.sync('User', { mode: 'incremental' });
    expect(run.mode).toBe('incremental');
    expect(run.counts).toMatchObject({ 'source.objects': 2, 'update.succeeded': 1, 'create.succeeded': 1 });
    expect(harness.remoteUsers().get('user3.x@example.com')?.title).toBe('Senior Engineer');
    // One batched read, of the changed user only; nothing for the 19 others.
    expect(harness.target.faults.callCount('getMany')).toBe(1);
    expect(harness.target.faults.callCount('get')).toBe(0);

    const quiet = await harness.sync('User', { mode: 'incremental' });
    expect(quiet.counts['source.objects']).toBe(0);
  });

  it('starts with a full run when there is no checkpoint yet', async () => {
    harness = await EngineHarness.start();
    await harness.addUser('ada.lovelace@example.com');
    const run = await harness.sync('User', { mode: 'incremental' });
    expect(run.mode).toBe('full');
    expect(harness.target.count('User')).toBe(1);
  });

  it('follows users joining a scoping group incrementally, and nested groups with a full run', async () => {
    const population = async () => (await harness.store.hub.defaultPopulation()).id;
    harness = await EngineHarness.start();
    const ada = await harness.addUser('ada.lovelace@example.com');
    const grace = await harness.addUser('grace.hopper@example.com');
    const staff = await harness.store.hub.create('Group', await population(), {
      schemas: [GROUP_SCHEMA],
      displayName: 'Staff',
      members: [],
    });
    const team = await harness.store.hub.create('Group', await population(), {
      schemas: [GROUP_SCHEMA],
      displayName: 'Team',
      members: [{ value: grace, type: 'User' }],
    });
    harness.rules = [usersRule({ scope: { groupIds: [staff.id] } })];
    await harness.sync('User', { mode: 'full' });
    expect(harness.target.count('User')).toBe(0);

    await harness.store.hub.replace('Group', staff.id, {
      ...staff.resource,
      members: [{ value: ada, type: 'User' }],
    });
    const joined = await harness.sync('User', { mode: 'incremental' });
    expect(joined.mode).toBe('incremental');
    expect([...harness.remoteUsers().keys()]).toEqual(['ada.lovelace@example.com']);

    await harness.store.hub.replace('Group', staff.id, {
      ...staff.resource,
      members: [
        { value: ada, type: 'User' },
        { value: team.id, type: 'Group' },
      ],
    });
    const nested = await harness.sync('User', { mode: 'incremental' });
    expect(nested.mode).toBe('full');
    expect([...harness.remoteUsers().keys()].sort()).toEqual([
      'ada.lovelace@example.com',
      'grace.hopper@example.com',
    ]);
  });

  it('full and incremental runs converge to the same remote state', async () => {
    const scenario = async (mode: 'full' | 'incremental') => {
      const h = await EngineHarness.start({ rules: [usersRule({ scope: { filter: 'active eq true' } })] });
      const ids = [];
      for (let i = 0; i < 10; i++) ids.push(await h.addUser(`user${i}.x@example.com`, { title: `T${i}` }));
      await h.sync('User', { mode: 'full' });
      await h.updateUser(ids[1]!, { title: 'Changed' });
      await h.updateUser(ids[2]!, { active: false });
      await h.store.hub.delete('User', ids[3]!);
      await h.addUser('late.joiner@example.com');
      await h.sync('User', { mode });
      const state = [...h.remoteUsers().values()]
        .map((u) => ({ userName: u.userName, title: u.title, active: u.active }))
        .sort((a, b) => String(a.userName).localeCompare(String(b.userName)));
      await h.close();
      return state;
    };
    expect(await scenario('incremental')).toEqual(await scenario('full'));
  });
});
