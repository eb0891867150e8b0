import { afterEach, describe, expect, it } from '@jest/globals';
import { ConnectorError, Executor } from '@idsync/core';
import { GROUP_SCHEMA } from '@idsync/scim';
import { EngineHarness, groupsRule, usersRule } from './engine-harness.js';
import { failureCounts } from './observed-state.js';

/*
 * The execute stage end to end: what a store answering 429, refusing one object, or refusing
 * the credentials does to a run, to the sync status of each object, and to the next run.
 * The executor's jitter is pinned to 0 so retries wait only what the store asks (Retry-After),
 * which keeps the tests fast without asserting anything about time.
 */

let harness: EngineHarness;
afterEach(async () => harness?.close());

const email = (name: string) => `${name}.x@example.com`;
const NAMES = ['ada', 'grace', 'alan', 'edsger', 'barbara'];

async function start(options: Parameters<typeof EngineHarness.start>[0] = {}): Promise<Executor> {
  harness = await EngineHarness.start(options);
  const executor = new Executor({ random: () => 0 });
  harness.restart({ executor });
  harness.setExecution({ maxConcurrency: 1, maxAttempts: 3, quarantineAfter: 2 });
  return executor;
}

async function addUsers(names = NAMES): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const name of names) ids[name] = await harness.addUser(email(name));
  return ids;
}

describe('rate limiting', () => {
  it('a 429 with Retry-After is waited out and retried: the run still succeeds', async () => {
    await start();
    await addUsers();
    harness.target.faults.failNext(
      'create',
      new ConnectorError('rate-limited', 'Too many requests', { remoteStatus: 429, retryAfterMs: 50 }),
      2,
    );

    const run = await harness.sync();
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ 'planned.create': NAMES.length, 'create.succeeded': NAMES.length });
    expect(failureCounts(run)).toEqual({});
    // Two refused calls, then every user once.
    expect(harness.target.faults.callCount('create')).toBe(NAMES.length + 2);
    expect(harness.target.count('User')).toBe(NAMES.length);
    for (const name of NAMES)
      expect(await harness.linkOf(email(name))).toMatchObject({ state: 'in-sync', attempts: 0 });
  });
});

describe('one object failing for good', () => {
  it('fails only that object: the others succeed, the run is partial, the link says why; the next run retries it', async () => {
    await start();
    await addUsers();
    const refused = new ConnectorError('invalid', 'The store refused grace: title too long', {
      remoteStatus: 400,
    });
    harness.target.faults.failForObject(email('grace'), refused, ['create']);

    const run = await harness.sync();
    expect(run.status).toBe('partial');
    expect(run.reason).toContain('1 operation(s) failed');
    expect(run.counts).toMatchObject({ 'create.succeeded': NAMES.length - 1, 'create.failed': 1 });
    // 'invalid' is not worth retrying: one call per user, no more.
    expect(harness.target.faults.callCount('create')).toBe(NAMES.length);
    expect(harness.remoteUsers().has(email('grace'))).toBe(false);
    const failed = await harness.linkOf(email('grace'));
    expect(failed).toMatchObject({ state: 'failed', attempts: 1 });
    expect(failed?.remoteId).toBeUndefined();
    expect(failed?.lastError).toContain('title too long');

    // Still refused: tried again, and the attempts add up.
    const again = await harness.sync();
    expect(again.counts).toMatchObject({ 'planned.create': 1, 'create.failed': 1 });
    expect(await harness.linkOf(email('grace'))).toMatchObject({ state: 'failed', attempts: 2 });

    // The store accepts it now: created once, the link is clean.
    harness.target.faults.clear();
    const fixed = await harness.sync();
    expect(fixed.status).toBe('succeeded');
    expect(fixed.counts).toMatchObject({ 'planned.create': 1, 'create.succeeded': 1 });
    const link = await harness.linkOf(email('grace'));
    expect(link).toMatchObject({
      state: 'in-sync',
      attempts: 0,
      remoteId: harness.target.findByName('User', email('grace'))!.remoteId,
    });
    expect(link?.lastError).toBeUndefined();
    expect(harness.target.count('User')).toBe(NAMES.length);
  });

  it('a disable that keeps failing is marked failed-deprovision and retried by the next run', async () => {
    await start({ rules: [usersRule({ scope: { filter: 'title eq "Engineer"' } })] });
    const ids = await addUsers(['ada', 'grace']);
    for (const id of Object.values(ids)) await harness.updateUser(id, { title: 'Engineer' });
    await harness.sync();
    await harness.updateUser(ids.grace!, { title: 'Manager' });
    const graceRemote = harness.target.findByName('User', email('grace'))!.remoteId;
    harness.target.faults.failForObject(
      graceRemote,
      new ConnectorError('invalid', 'The store will not disable this account'),
      ['disable'],
    );

    const run = await harness.sync();
    expect(run.status).toBe('partial');
    expect(run.counts).toMatchObject({ 'disable.failed': 1 });
    expect(await harness.linkOf(email('grace'))).toMatchObject({ state: 'failed-deprovision', attempts: 1 });
    expect(harness.remoteUsers().get(email('grace'))?.active).toBe(true);

    harness.target.faults.clear();
    const retried = await harness.sync();
    expect(retried.counts).toMatchObject({ 'planned.disable': 1, 'disable.succeeded': 1 });
    expect(harness.remoteUsers().get(email('grace'))?.active).toBe(false);
    expect(await harness.linkOf(email('grace'))).toMatchObject({ state: 'deprovisioned', attempts: 0 });
  });

  it('a failed update of a group member leaves the member in the remote group (overwrite)', async () => {
    await start({ rules: [usersRule(), groupsRule()], preferences: { membershipHandling: 'overwrite' } });
    const ids = await addUsers(['ada', 'grace']);
    const population = (await harness.store.hub.defaultPopulation()).id;
    await harness.store.hub.create('Group', population, {
      schemas: [GROUP_SCHEMA],
      displayName: 'Eng',
      members: [
        { value: ids.ada!, type: 'User' },
        { value: ids.grace!, type: 'User' },
      ],
    });
    await harness.sync('User');
    await harness.sync('Group');
    const group = harness.target.findByName('Group', 'Eng')!;
    expect(harness.target.membersOf(group.remoteId)).toHaveLength(2);

    // grace's title cannot be written: her update fails, her account and membership are unchanged.
    await harness.updateUser(ids.grace!, { title: 'Principal' });
    const graceRemote = harness.target.findByName('User', email('grace'))!.remoteId;
    harness.target.faults.failForObject(graceRemote, new ConnectorError('invalid', 'title refused'), [
      'patch',
    ]);
    expect((await harness.sync('User')).counts).toMatchObject({ 'update.failed': 1 });

    const groups = await harness.sync('Group');
    expect(failureCounts(groups)).toEqual({});
    expect(groups.counts['planned.remove-members'] ?? 0).toBe(0);
    expect(harness.target.membersOf(group.remoteId)).toContain(graceRemote);
  });
});

describe('connection-level failures', () => {
  it('quarantine the connection: the rest is skipped with the reason, counted and marked, nothing dropped', async () => {
    const executor = await start();
    await addUsers();
    const expired = new ConnectorError('unauthorized', 'The access key was rejected (401)', {
      remoteStatus: 401,
    });
    harness.target.faults.failWhen((call) => call.operation === 'create', expired);

    const run = await harness.sync();
    expect(run.status).toBe('partial');
    // quarantineAfter 2: two creates fail (401 is not retried), the other three are not attempted.
    expect(run.counts).toMatchObject({ 'planned.create': 5, 'create.failed': 2, 'create.skipped': 3 });
    expect(run.counts['create.succeeded'] ?? 0).toBe(0);
    expect(harness.target.faults.callCount('create')).toBe(2);
    expect(executor.health(harness.connection.id).state).toBe('quarantined');

    const links = await Promise.all(NAMES.map((name) => harness.linkOf(email(name))));
    expect(links.every((link) => link?.state === 'failed')).toBe(true);
    const skipped = links.filter((link) => link?.lastError?.includes('quarantined'));
    expect(skipped).toHaveLength(3);
    for (const link of skipped) expect(link?.lastError).toContain('access key was rejected');
    expect(harness.target.count('User')).toBe(0);

    // While quarantined, a new run neither reads nor writes, and says so for every object:
    // planning's look-ups go through the same quarantine as writes.
    const lookups = harness.target.faults.callCount('findEach');
    const during = await harness.sync();
    expect(during.counts).toMatchObject({ 'planned.error': 5, 'error.skipped': 5 });
    expect(harness.target.faults.callCount('create')).toBe(2);
    expect(harness.target.faults.callCount('findEach')).toBe(lookups);
    for (const name of NAMES) expect((await harness.linkOf(email(name)))?.lastError).toContain('quarantined');

    // Credentials fixed and the quarantine lifted: everything goes through, once.
    harness.target.faults.clear();
    executor.liftQuarantine(harness.connection.id);
    const after = await harness.sync();
    expect(after.status).toBe('succeeded');
    expect(after.counts).toMatchObject({ 'create.succeeded': 5 });
    expect(harness.target.count('User')).toBe(5);
    for (const name of NAMES)
      expect(await harness.linkOf(email(name))).toMatchObject({ state: 'in-sync', attempts: 0 });
  });

  it('an outage shorter than the retries is ridden out without failing anything', async () => {
    await start();
    await addUsers();
    harness.target.faults.failNext(
      'create',
      new ConnectorError('unavailable', 'Service unavailable', { remoteStatus: 503 }),
      2,
    );
    const run = await harness.sync();
    expect(run.status).toBe('succeeded');
    expect(failureCounts(run)).toEqual({});
    expect(harness.target.count('User')).toBe(NAMES.length);
  });
});
