import { afterEach, describe, expect, it } from '@jest/globals';
import { EngineHarness } from './engine-harness.js';

let harness: EngineHarness;
afterEach(async () => harness?.close());

describe('outbound: create, update, converge', () => {
  it('creates every hub user, and a second run has nothing to do', async () => {
    harness = await EngineHarness.start();
    await harness.addUser('ada.lovelace@example.com');
    await harness.addUser('grace.hopper@example.com', { title: 'Rear Admiral' });

    const first = await harness.sync();
    expect(first.status).toBe('succeeded');
    expect(first.counts).toMatchObject({ 'planned.create': 2, 'create.succeeded': 2, 'source.objects': 2 });
    const remote = harness.remoteUsers();
    expect([...remote.keys()].sort()).toEqual(['ada.lovelace@example.com', 'grace.hopper@example.com']);
    expect(remote.get('grace.hopper@example.com')).toMatchObject({
      title: 'Rear Admiral',
      name: { givenName: 'grace', familyName: 'hopper' },
    });

    const second = await harness.sync();
    expect(second.counts['planned.create'] ?? 0).toBe(0);
    expect(second.counts['planned.update'] ?? 0).toBe(0);
    expect(harness.connector).toBeDefined();
    expect(harness.target.faults.callCount('create')).toBe(2);
  });

  it('updates only what changed, and clears an attribute whose source is emptied', async () => {
    harness = await EngineHarness.start();
    const id = await harness.addUser('ada.lovelace@example.com', { title: 'Analyst' });
    await harness.sync();
    harness.target.faults.resetCounts();

    await harness.updateUser(id, { title: 'Engineer' });
    const updated = await harness.sync();
    expect(updated.counts).toMatchObject({ 'planned.update': 1, 'update.succeeded': 1 });
    expect(harness.remoteUsers().get('ada.lovelace@example.com')?.title).toBe('Engineer');

    await harness.updateUser(id, { title: undefined });
    await harness.sync();
    expect(harness.remoteUsers().get('ada.lovelace@example.com')).not.toHaveProperty('title');
  });

  it('links a user that already exists remotely instead of creating a duplicate', async () => {
    harness = await EngineHarness.start();
    harness.target.insert('User', {
      attributes: { userName: 'ada.lovelace@example.com', displayName: 'Old name' },
    });
    await harness.addUser('ada.lovelace@example.com');

    const run = await harness.sync();
    expect(run.counts).toMatchObject({ 'planned.link': 1, 'planned.update': 1 });
    expect(run.counts['planned.create'] ?? 0).toBe(0);
    expect(harness.target.count('User')).toBe(1);
    expect(harness.remoteUsers().get('ada.lovelace@example.com')?.displayName).toBe('ada lovelace');
  });

  it('a plan shows what a run would do and changes nothing', async () => {
    harness = await EngineHarness.start();
    await harness.addUser('ada.lovelace@example.com');
    const plan = await harness.sync('User', { plan: true });
    expect(plan.counts).toMatchObject({ 'planned.create': 1 });
    expect(harness.target.count('User')).toBe(0);
    const operations = await harness.store.runs.operations(plan.runId);
    expect(operations).toHaveLength(1);
    expect(operations[0]).toMatchObject({ kind: 'create', detail: { reason: { ruleIds: ['all-users'] } } });

    const run = await harness.sync();
    expect(run.counts['create.succeeded']).toBe(1);
  });
});
