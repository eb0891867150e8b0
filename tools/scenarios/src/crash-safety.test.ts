import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Link, RunSummary } from '@idsync/core';
import { CrashSwitch, SimulatedCrash } from './crash-switch.js';
import { EngineHarness, usersRule } from './engine-harness.js';
import {
  countRemoteWrites,
  failureCounts,
  linkViews,
  plannedKinds,
  remoteState,
  type LinkView,
  type RemoteState,
} from './observed-state.js';

/*
 * Safety rule 3: kill the process at any point, run again, and nothing is duplicated. Each
 * test runs the same story twice — once cleanly, once with the process dying at one point of
 * the sync and a new process (a new reconciler over the same store and remote target) running
 * it again — and the two must end the same.
 */

const PAGE_SIZE = 2;
const engineers = usersRule({ scope: { filter: 'title eq "Engineer"' } });
const FIRST = ['ada', 'grace', 'alan', 'edsger', 'barbara', 'ken'];
const NEW = ['linus', 'margaret', 'dennis'];
const email = (name: string) => `${name}.x@example.com`;
/** Fixed hub ids (the store takes a free UUID it is given): pages and operations keep one order. */
const hubIdFor = (name: string) =>
  `00000000-0000-4000-8000-${String([...FIRST, ...NEW].indexOf(name) + 1).padStart(12, '0')}`;

/** Hub ids by short name, for crash points that pick an object. */
type Ids = Record<string, string>;

/**
 * Six engineers synced cleanly, then: grace renamed (patch), alan no longer an engineer
 * (disable), edsger deleted from the hub (disable), ken disabled in the hub (update to
 * inactive), three new engineers (create). Returns the hub ids; the next sync is the one
 * that crashes.
 */
async function usersStory(harness: EngineHarness, maxConcurrency = 1): Promise<Ids> {
  harness.restart({ pageSize: PAGE_SIZE });
  // With fixed hub ids, one operation at a time makes "the second create" the same object on every run.
  harness.setExecution({ maxConcurrency });
  const ids: Ids = {};
  for (const name of FIRST)
    ids[name] = await harness.addUser(email(name), { id: hubIdFor(name), title: 'Engineer' });
  expect((await harness.sync('User')).status).toBe('succeeded');
  await harness.updateUser(ids.grace!, { displayName: 'Amazing Grace' });
  await harness.updateUser(ids.alan!, { title: 'Manager' });
  await harness.store.hub.delete('User', ids.edsger!);
  await harness.updateUser(ids.ken!, { active: false });
  for (const name of NEW)
    ids[name] = await harness.addUser(email(name), { id: hubIdFor(name), title: 'Engineer' });
  return ids;
}

interface Settled {
  readonly remote: RemoteState;
  readonly links: Record<string, LinkView>;
}

/** What a clean run of the story leaves, after one more run to let links settle. */
async function cleanOutcome(mode: 'full' | 'incremental'): Promise<Settled> {
  const clean = await EngineHarness.start({ rules: [engineers] });
  try {
    await usersStory(clean);
    const run = await clean.sync('User', { mode });
    expect(run.status).toBe('succeeded');
    await clean.sync('User');
    return { remote: remoteState(clean), links: await linkViews(clean, 'User') };
  } finally {
    await clean.close();
  }
}

type CrashPoint = (crash: CrashSwitch, ids: Ids, harness: EngineHarness) => void;
const remoteIdOf = (harness: EngineHarness, name: string) =>
  harness.target.findByName('User', email(name))!.remoteId;
const isNew = (ids: Ids, hubId: string) => NEW.some((name) => ids[name] === hubId);
/** The links of a batched write (`links.putMany`). */
const linksArg = (args: readonly unknown[]) => args[0] as readonly Link[];

const USER_CRASH_POINTS: [string, CrashPoint][] = [
  [
    'after a remote create, before the engine hears back',
    (c) => c.atRemoteStep((s) => s.phase === 'after-write' && s.operation === 'create'),
  ],
  [
    'after the second remote create',
    (c) => c.atRemoteStep((s) => s.phase === 'after-write' && s.operation === 'create', 2),
  ],
  [
    'before a remote create (intent recorded, nothing written)',
    (c) => c.atRemoteStep((s) => s.phase === 'before' && s.operation === 'create'),
  ],
  [
    'after a remote patch',
    (c) => c.atRemoteStep((s) => s.phase === 'after-write' && s.operation === 'patch'),
  ],
  ['before a remote patch', (c) => c.atRemoteStep((s) => s.phase === 'before' && s.operation === 'patch')],
  [
    'after the patch that deactivates a user still in scope',
    (c, _ids, h) =>
      c.atRemoteStep(
        (s) => s.phase === 'after-write' && s.operation === 'patch' && s.remoteId === remoteIdOf(h, 'ken'),
      ),
  ],
  [
    'after the patch that renames a user',
    (c, _ids, h) =>
      c.atRemoteStep(
        (s) => s.phase === 'after-write' && s.operation === 'patch' && s.remoteId === remoteIdOf(h, 'grace'),
      ),
  ],
  [
    'after a remote disable',
    (c) => c.atRemoteStep((s) => s.phase === 'after-write' && s.operation === 'disable'),
  ],
  ['between planning and execution', (c) => c.atStoreCall('runs', 'operations')],
  ['while reading the hub (third page)', (c) => c.atStorePage('hub', 'scan', 2)],
  ['while storing the plan (second page)', (c) => c.atStoreCall('runs', 'appendOperations', { nth: 2 })],
  [
    'while recording a successful create',
    (c, ids) =>
      c.atStoreCall('links', 'putMany', {
        when: (args) => linksArg(args).some((link) => link.remoteId !== undefined && isNew(ids, link.hubId)),
      }),
  ],
  [
    'while recording a successful update',
    (c, ids) =>
      c.atStoreCall('links', 'putMany', {
        when: (args) => linksArg(args).some((link) => link.hubId === ids.grace),
      }),
  ],
  ['while writing the audit log', (c) => c.atStoreCall('audit', 'append')],
  ['after execution, before the checkpoint', (c) => c.atStoreCall('checkpoints', 'put')],
  ['while closing the run record', (c) => c.atStoreCall('runs', 'update')],
];

/** The crash points also run with incremental syncs (the change feed instead of a full read). */
const INCREMENTAL_POINTS = new Set([
  'after a remote create, before the engine hears back',
  'before a remote create (intent recorded, nothing written)',
  'after a remote patch',
  'after a remote disable',
  'while recording a successful create',
  'after execution, before the checkpoint',
]);

async function expectCrash(run: Promise<RunSummary>, crash: CrashSwitch): Promise<void> {
  await expect(run).rejects.toBeInstanceOf(SimulatedCrash);
  expect(crash.crashed).toBeDefined();
}

/** The rerun and the run after it: converged, nothing failed, nothing left to do but confirmations. */
async function rerunUntilSettled(harness: EngineHarness, mode: 'full' | 'incremental'): Promise<RunSummary> {
  harness.restart({ pageSize: PAGE_SIZE });
  const rerun = await harness.sync('User', { mode });
  expect(failureCounts(rerun)).toEqual({});
  expect(rerun.status).toBe('succeeded');
  const further = await harness.sync('User');
  expect(plannedKinds(further).filter((kind) => kind !== 'confirm')).toEqual([]);
  expect(further.status).toBe('succeeded');
  return rerun;
}

describe.each(['full', 'incremental'] as const)('a crash during a %s user sync, then a rerun', (mode) => {
  let clean: Settled;
  let harness: EngineHarness | undefined;
  beforeAll(async () => {
    clean = await cleanOutcome(mode);
  });
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  /** The story, the crash, the rerun; then the end state must be the clean run's. */
  async function crashThenConverge(crashAt: CrashPoint, maxConcurrency = 1): Promise<void> {
    harness = await EngineHarness.start({ rules: [engineers] });
    const ids = await usersStory(harness, maxConcurrency);
    const writes = countRemoteWrites(harness);
    const crash = new CrashSwitch(harness);
    crashAt(crash, ids, harness);
    await expectCrash(harness.sync('User', { mode }), crash);
    crash.disarm();

    await rerunUntilSettled(harness, mode);

    // Each new engineer was created exactly once, over the crashed run and the rerun together.
    expect(writes.get('create:User')).toBe(NEW.length);
    expect(remoteState(harness)).toEqual(clean.remote);
    // Every link names the right remote object, in the same state as after a clean run, with
    // no unfinished intent, error or retry count left behind.
    expect(await linkViews(harness, 'User')).toEqual(clean.links);
  }

  const points = USER_CRASH_POINTS.filter(([name]) => mode === 'full' || INCREMENTAL_POINTS.has(name));
  it.each(points)('%s: no duplicates, same end state as a clean run', async (_name, crashAt) => {
    await crashThenConverge(crashAt);
  });

  it('with eight operations in flight, a crash after one create: writes that landed are linked, not repeated', async () => {
    await crashThenConverge(
      (c) => c.atRemoteStep((s) => s.phase === 'after-write' && s.operation === 'create'),
      8,
    );
  });
});

describe('the clean story itself', () => {
  let harness: EngineHarness;
  afterAll(async () => harness?.close());

  it('creates, patches, disables and deprovisions as the crash tests expect', async () => {
    harness = await EngineHarness.start({ rules: [engineers] });
    await usersStory(harness);
    const run = await harness.sync('User');
    expect(run.counts).toMatchObject({
      'create.succeeded': 3,
      'disable.succeeded': 2,
      'update.succeeded': 2,
    });
    const remote = remoteState(harness);
    expect(Object.keys(remote.users)).toHaveLength(FIRST.length + NEW.length);
    expect(remote.users[email('grace')]?.displayName).toBe('Amazing Grace');
    expect([email('alan'), email('edsger'), email('ken')].map((name) => remote.users[name]?.active)).toEqual([
      false,
      false,
      false,
    ]);
  });
});
