import { afterEach, describe, expect, it } from '@jest/globals';
import type { FaultConfig } from '@idsync/scim-target';
import { groupsRule, usersRule } from '../engine-harness.js';
import { ScimEngineHarness, type ScimHarnessOptions } from './scim-engine-harness.js';
import { expectConverged, syncUntilSucceeded } from './sync-until-converged.js';

/*
 * A misbehaving SCIM target — 5xx bursts, a 429 storm, a rate limit, connection resets, a slow
 * target whose answers come after the client gave up — through the real engine and
 * connector. Runs are repeated until one succeeds (a bounded number of times); then the
 * target must hold every hub user and group exactly once, with the right members, and a
 * further run must plan nothing.
 */

let harness: ScimEngineHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const USERS = 24;
const GROUPS = 3;
const MAX_RUNS = 8;

/** 24 users and 3 groups of 8 members each in the hub. */
async function populate(h: ScimEngineHarness): Promise<void> {
  const ids: string[] = [];
  for (let i = 0; i < USERS; i++)
    ids.push(await h.addUser(`user${i}.fault@example.com`, { title: `Title ${i}` }));
  for (let g = 0; g < GROUPS; g++) await h.addGroup(`Team ${g}`, ids.slice(g * 8, g * 8 + 8));
}

/**
 * Starts the engine, populates the hub, turns the faults on (after discovery, so the connector
 * is made), then syncs users and groups until each succeeds; turns the faults off and checks
 * convergence. Returns how many runs each type needed and what the target saw.
 */
async function convergeUnder(faults: FaultConfig, options: ScimHarnessOptions = {}) {
  const h = await ScimEngineHarness.start({ rules: [usersRule(), groupsRule()], ...options });
  harness = h;
  await populate(h);
  h.simulator.setFaults(faults);
  const userRuns = await syncUntilSucceeded(h, 'User', MAX_RUNS);
  const groupRuns = await syncUntilSucceeded(h, 'Group', MAX_RUNS);
  expect(userRuns.at(-1)?.status).toBe('succeeded');
  expect(groupRuns.at(-1)?.status).toBe('succeeded');
  const struck = h.simulator.requests.all().filter((request) => request.faults.some((f) => f !== 'latency'));
  h.simulator.setFaults({});
  await expectConverged(h);
  return { h, userRuns, groupRuns, struck };
}

const statuses = (requests: { status?: number | undefined }[]) => requests.map((r) => r.status ?? 'reset');

/** Ada provisioned, and two hub groups with her as a member that no group run has sent yet. */
async function provisionAdaInTwoTeams(h: ScimEngineHarness): Promise<void> {
  const ada = await h.addUser('ada.lovelace@example.com');
  await h.addGroup('Team 0', [ada]);
  await h.addGroup('Team 1', [ada]);
  await h.sync('User');
}

describe('SCIM outbound under faults converges with no duplicates', () => {
  it('5xx bursts on creates, membership PATCHes and reads', async () => {
    const { struck, userRuns } = await convergeUnder({
      failNext: [
        { method: 'POST', path: '/Users', count: 6, status: 503 },
        { method: 'GET', path: '/Users', count: 3, status: 502 },
        { method: 'POST', path: '/Groups', count: 2, status: 500 },
        { method: 'PATCH', path: '/Groups', count: 3, status: 503 },
      ],
    });
    // Every burst struck in full: the engine met all 14 failures and still converged.
    expect(struck).toHaveLength(14);
    expect(new Set(statuses(struck))).toEqual(new Set([500, 502, 503]));
    // Planning reads are retried like writes: the 502s on the correlation look-up cost no extra run.
    expect(userRuns).toHaveLength(1);
  });

  it('a storm of 429s with Retry-After', async () => {
    // Each 429 pauses the whole connection for its Retry-After (1 s), planning reads included;
    // an object refused more often than its retry budget waits for the next run.
    const { h, struck } = await convergeUnder({ throttleNext: { count: 20, retryAfterSeconds: 1 } });
    expect(struck).toHaveLength(20);
    expect(new Set(statuses(struck))).toEqual(new Set([429]));
    expect(h.simulator.requests.all().filter((r) => r.status === 429)).toHaveLength(20);
  }, 90_000);

  it('a target rate limit of 30 requests a second, with the connector budget under it: no 429 at all', async () => {
    // The connector's token bucket holds one request beyond its rate (requestBurst 1), so any
    // one-second window of the target sees at most 15 of them: half the limit, leaving room for
    // requests that arrive bunched up on a busy machine.
    const { h, userRuns, groupRuns } = await convergeUnder(
      {},
      { target: { rateLimit: { requests: 30, windowMs: 1000 } }, connector: { requestsPerSecond: 14 } },
    );
    expect(h.simulator.requests.all().filter((r) => r.status === 429)).toEqual([]);
    expect([userRuns.length, groupRuns.length]).toEqual([1, 1]);
  });

  it('connection resets on every kind of request, member reads included', async () => {
    // A reset member read while planning memberships fails that group for the run; the next
    // run plans it again.
    const { struck } = await convergeUnder({ seed: 7, resets: { count: 12, probability: 0.25 } });
    expect(struck).toHaveLength(12);
    expect(new Set(statuses(struck))).toEqual(new Set(['reset']));
  });

  it('a slow target: creates held past the client timeout, reads answered in a trickle', async () => {
    // Latency strikes every create, users and groups: one answered just as the client gives up
    // (after 1000 ms) landed, and its retry must find it rather than create it again.
    const { h, userRuns } = await convergeUnder(
      {
        seed: 3,
        latency: { ms: 200, jitterMs: 1800, match: { method: 'POST' } },
        slowBody: { chunkBytes: 64, intervalMs: 20, count: 30, match: { method: 'GET' } },
      },
      { connector: { requestTimeoutMs: 1000 } },
    );
    const posts = h.simulator.requests.matching({ method: 'POST', path: '/Users' });
    // Creates the client gave up on were not answered (status unknown) and were sent again.
    expect(posts.filter((r) => r.status === undefined).length).toBeGreaterThan(0);
    expect(posts.length).toBeGreaterThan(USERS);
    expect(userRuns[0]?.counts['planned.create']).toBe(USERS);
    expect(h.simulator.requests.all().filter((r) => r.faults.includes('slowBody'))).toHaveLength(30);
  });

  it('a user create whose answer is lost after the target wrote it: the retry finds it instead of creating it again', async () => {
    // Headers at once, then the body stalls past the client's timeout: the user exists
    // remotely, the engine does not know it. Before retrying the create, the engine looks for
    // it the way correlation does, finds it and links it: no duplicate, no second POST.
    const { h, userRuns } = await convergeUnder(
      {
        slowBody: { match: { method: 'POST', path: '/Users' }, count: 3, chunkBytes: 100, intervalMs: 2500 },
      },
      { connector: { requestTimeoutMs: 1000 } },
    );
    expect(userRuns.map((run) => run.status)).toEqual(['succeeded']);
    expect(userRuns[0]?.counts).toMatchObject({ 'create.succeeded': USERS });
    expect(h.simulator.requests.matching({ method: 'POST', path: '/Users' })).toHaveLength(USERS);
  });

  it('a group create whose answer is lost after the target wrote it: no second group', async () => {
    // The rfc profile, like many SCIM services, does not require unique group names, so
    // nothing but the client can prevent a duplicate when it retries a create that landed.
    const h = await ScimEngineHarness.start({
      rules: [usersRule(), groupsRule()],
      connector: { requestTimeoutMs: 1000 },
    });
    harness = h;
    await h.addGroup('Team 0');
    await h.addGroup('Team 1');
    h.simulator.setFaults({
      slowBody: { match: { method: 'POST', path: '/Groups' }, count: 1, chunkBytes: 100, intervalMs: 2500 },
    });
    await syncUntilSucceeded(h, 'Group', MAX_RUNS);
    h.simulator.setFaults({});
    expect(
      h.simulator.store.groups
        .all()
        .map((group) => group.displayName)
        .sort(),
    ).toEqual(['Team 0', 'Team 1']);
  });

  it('a member read refused with 429 while planning memberships is retried after Retry-After', async () => {
    const h = await ScimEngineHarness.start({ rules: [usersRule(), groupsRule()] });
    harness = h;
    await provisionAdaInTwoTeams(h);
    h.simulator.setFaults({
      failNext: [
        { method: 'GET', path: /^\/Groups\/.+/, count: 1, status: 429, headers: { 'retry-after': '1' } },
      ],
    });
    const first = await h.sync('Group');
    expect(first.status).toBe('succeeded');
    const memberReads = h.simulator.requests
      .all()
      .filter((r) => r.method === 'GET' && /^\/Groups\/.+/.test(r.relativePath));
    expect(memberReads.map((r) => r.status)).toEqual(expect.arrayContaining([429, 200]));
    await expectConverged(h);
  });

  it('a member read refused more often than the retry budget fails that group, not the whole run', async () => {
    const h = await ScimEngineHarness.start({
      rules: [usersRule(), groupsRule()],
      execution: { maxAttempts: 2 },
    });
    harness = h;
    await provisionAdaInTwoTeams(h);
    h.simulator.setFaults({
      failNext: [
        { method: 'GET', path: /^\/Groups\/.+/, count: 2, status: 429, headers: { 'retry-after': '1' } },
      ],
    });
    const first = await h.sync('Group');
    expect(first.status).toBe('partial');
    expect(first.counts).toMatchObject({ 'create.succeeded': 2 });
    const runs = await syncUntilSucceeded(h, 'Group', 2);
    expect(runs.at(-1)?.status).toBe('succeeded');
    await expectConverged(h);
  });
});
