import { afterEach, describe, expect, it } from '@jest/globals';
import { ConnectorError, Executor } from '@idsync/core';
import { overrideOperations, type ReferenceConnector } from '@idsync/connector-testkit';
import { GROUP_SCHEMA } from '@idsync/scim';
import { EngineHarness, groupsRule, usersRule } from './engine-harness.js';
import { failureCounts } from './observed-state.js';

/*
 * How planning reads the remote side: a page of candidates costs one batched read by id
 * (getMany) and one batched correlation (findEach), not one or two calls per object; those
 * reads are paced and retried by the executor like writes; and a linked object deleted
 * outside idsync is looked for before it is created again. The executor's jitter is pinned
 * to 0 so retries wait only what the store asks (Retry-After).
 */

let harness: EngineHarness;
afterEach(async () => harness?.close());

const email = (i: number) => `user${i}.x@example.com`;

async function start(users: number, pageSize = 100): Promise<string[]> {
  harness = await EngineHarness.start();
  harness.restart({ pageSize, executor: new Executor({ random: () => 0 }) });
  harness.setExecution({ maxConcurrency: 2, maxAttempts: 3 });
  const ids: string[] = [];
  for (let i = 0; i < users; i++) ids.push(await harness.addUser(email(i)));
  return ids;
}

/** The reference connector without BatchLookupOp, as a connector that predates it would be. */
function withoutBatchLookups(): void {
  harness.useConnector(
    overrideOperations(harness.connector, { getMany: null, findEach: null }) as Partial<ReferenceConnector>,
  );
}

const calls = () => harness.target.faults;

describe('planning reads are batched per page', () => {
  it('a page of N creates issues one findEach, not N finds', async () => {
    await start(40);
    const run = await harness.sync();
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ 'planned.create': 40, 'create.succeeded': 40 });
    expect(calls().callCounts()).toMatchObject({ findEach: 1, find: 0, getMany: 0, get: 0, create: 40 });
  });

  it('a full run over N linked, unchanged users issues one getMany per page and no get', async () => {
    await start(230, 50);
    await harness.sync();
    calls().resetCounts();

    const run = await harness.sync();
    expect(failureCounts(run)).toEqual({});
    expect(run.counts['planned.update'] ?? 0).toBe(0);
    expect(run.counts['planned.create'] ?? 0).toBe(0);
    // 230 users in pages of 50: five pages, five reads; nothing looked for, nothing written.
    expect(calls().callCounts()).toMatchObject({
      getMany: 5,
      get: 0,
      findEach: 0,
      find: 0,
      patch: 0,
      replace: 0,
      create: 0,
    });
  });

  it('falls back to one get and one find per object when the connector has no batch look-ups', async () => {
    await start(12);
    withoutBatchLookups();
    const created = await harness.sync();
    expect(created.counts).toMatchObject({ 'create.succeeded': 12 });
    expect(calls().callCounts()).toMatchObject({ find: 12, findEach: 0 });

    calls().resetCounts();
    await harness.updateUser((await harness.store.hub.findByUserName(email(3)))!.id, { title: 'Engineer' });
    const updated = await harness.sync();
    expect(updated.counts).toMatchObject({ 'update.succeeded': 1 });
    expect(calls().callCounts()).toMatchObject({ get: 12, getMany: 0, find: 0 });
    expect(harness.remoteUsers().get(email(3))?.title).toBe('Engineer');
  });
});

describe('planning reads are paced and retried', () => {
  it('a look-up answered 429 with Retry-After is retried after the wait, and the run converges', async () => {
    await start(6);
    calls().failNext(
      'findEach',
      new ConnectorError('rate-limited', 'Too many requests', { remoteStatus: 429, retryAfterMs: 40 }),
      2,
    );
    const run = await harness.sync();
    expect(run.status).toBe('succeeded');
    expect(failureCounts(run)).toEqual({});
    expect(run.counts).toMatchObject({ 'create.succeeded': 6 });
    expect(calls().callCount('findEach')).toBe(3);

    await harness.updateUser((await harness.store.hub.findByUserName(email(1)))!.id, { title: 'Engineer' });
    calls().failNext(
      'getMany',
      new ConnectorError('unavailable', 'connection reset', { remoteStatus: 'ECONNRESET' }),
      1,
    );
    const next = await harness.sync();
    expect(next.status).toBe('succeeded');
    expect(next.counts).toMatchObject({ 'update.succeeded': 1 });
    expect(harness.remoteUsers().get(email(1))?.title).toBe('Engineer');
  });

  it('a read that keeps failing fails only the object it was for; the next run plans it again', async () => {
    await start(5);
    await harness.sync();
    withoutBatchLookups();
    const graceRemote = (await harness.linkOf(email(2)))!.remoteId!;
    calls().failForObject(
      graceRemote,
      new ConnectorError('unavailable', 'The store keeps resetting the connection'),
      ['get'],
    );
    await harness.updateUser((await harness.store.hub.findByUserName(email(0)))!.id, { title: 'Engineer' });

    const run = await harness.sync();
    expect(run.status).toBe('partial');
    expect(run.counts).toMatchObject({ 'planned.error': 1, 'update.succeeded': 1 });
    expect(failureCounts(run)).toEqual({ 'error.failed': 1 });
    // Retried up to the connection's attempts, then given up on: that user only.
    expect(calls().callCount('get')).toBe(4 + 3);
    expect(await harness.linkOf(email(2))).toMatchObject({
      state: 'failed',
      lastError: expect.stringContaining('keeps resetting'),
    });
    expect(await harness.linkOf(email(0))).toMatchObject({ state: 'in-sync' });

    calls().clear();
    const healed = await harness.sync();
    expect(healed.status).toBe('succeeded');
    expect(await harness.linkOf(email(2))).toMatchObject({
      state: 'in-sync',
      remoteId: graceRemote,
      attempts: 0,
    });
    expect(harness.target.count('User')).toBe(5);
  });

  it('a batched read that keeps failing fails the objects of its page only', async () => {
    await start(6, 2);
    await harness.sync();
    const onSecondPage = (await harness.linkOf(email(2)))!.remoteId!;
    calls().failForObject(onSecondPage, new ConnectorError('unavailable', 'HTTP 503 from the store'), [
      'getMany',
    ]);
    const run = await harness.sync();
    expect(run.status).toBe('partial');
    expect(failureCounts(run)).toEqual({ 'error.failed': 2 });
    // The page holding that user (two users, in hub id order) failed; the two other pages did not.
    const states: Record<string, number> = {};
    for (let i = 0; i < 6; i++) {
      const state = (await harness.linkOf(email(i)))!.state;
      states[state] = (states[state] ?? 0) + 1;
    }
    expect(states).toEqual({ failed: 2, 'in-sync': 4 });
    expect(await harness.linkOf(email(2))).toMatchObject({
      state: 'failed',
      lastError: expect.stringContaining('HTTP 503'),
    });
  });

  it("a group's member read answered 429 is retried, and the group's memberships still converge", async () => {
    harness = await EngineHarness.start({ rules: [usersRule(), groupsRule()] });
    harness.restart({ executor: new Executor({ random: () => 0 }) });
    const ada = await harness.addUser(email(0));
    const population = (await harness.store.hub.defaultPopulation()).id;
    await harness.store.hub.create('Group', population, {
      schemas: [GROUP_SCHEMA],
      displayName: 'Eng',
      members: [{ value: ada, type: 'User' }],
    });
    await harness.sync('User');
    calls().failNext(
      'readMembers',
      new ConnectorError('rate-limited', 'Too many requests', { remoteStatus: 429, retryAfterMs: 30 }),
      1,
    );
    const groups = await harness.sync('Group');
    expect(groups.status).toBe('succeeded');
    expect(failureCounts(groups)).toEqual({});
    expect(calls().callCount('readMembers')).toBe(2);
    expect(harness.target.membersOf(harness.target.findByName('Group', 'Eng')!.remoteId)).toHaveLength(1);
  });
});

describe('a linked object deleted outside idsync', () => {
  it('is correlated before it is created: a copy recreated out of band is linked, not duplicated', async () => {
    await start(3);
    await harness.sync();
    const old = harness.target.findByName('User', email(1))!;
    harness.target.remove('User', old.remoteId);
    const recreated = harness.target.insert('User', { attributes: { ...old.attributes } });

    const run = await harness.sync();
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ 'planned.link': 1 });
    expect(run.counts['planned.create'] ?? 0).toBe(0);
    expect(calls().callCount('create')).toBe(3);
    expect(harness.target.count('User')).toBe(3);
    expect(await harness.linkOf(email(1))).toMatchObject({ remoteId: recreated.remoteId, state: 'in-sync' });
  });

  it('is created again when correlation finds nothing', async () => {
    await start(3);
    await harness.sync();
    const old = harness.target.findByName('User', email(1))!;
    harness.target.remove('User', old.remoteId);

    const run = await harness.sync();
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ 'planned.create': 1, 'create.succeeded': 1 });
    const link = await harness.linkOf(email(1));
    expect(link?.remoteId).toBe(harness.target.findByName('User', email(1))!.remoteId);
    expect(link?.remoteId).not.toBe(old.remoteId);
  });
});
