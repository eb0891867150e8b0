import { describe, expect, it } from '@jest/globals';
import type { SyncFigures } from './measure-sync.js';
import { SYNC_PHASES } from './measure-latency-case.js';
import { runScimConnectorBenchmarks, type ScimConnectorBenchReport } from './scim-connector-benchmarks.js';

// A tiny run: it checks that every figure comes from real work through the engine, the
// connector and HTTP — users created, updated and read on the simulated target, requests
// counted from its log — not how fast anything is.
const USERS = 30;
const RATE_LIMITED_USERS = 12;

let report: ScimConnectorBenchReport;

const phase = (name: string): SyncFigures => {
  const found = report.latencyCases[0]!.phases.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no phase ${name}`);
  return found;
};

describe('SCIM connector benchmarks', () => {
  it('runs every case', async () => {
    report = await runScimConnectorBenchmarks({
      users: USERS,
      latenciesMs: [0],
      rateLimitedUsers: RATE_LIMITED_USERS,
      limit: { requests: 10, windowMs: 1000 },
      maxRuns: 10,
    });
    expect(report.latencyCases.map((c) => c.latencyMs)).toEqual([0]);
    expect(report.latencyCases[0]!.phases.map((p) => p.name)).toEqual(Object.values(SYNC_PHASES));
  }, 120_000);

  // The engine looks users up one request each (`find`, `get`) or a page at a time
  // (`findEach`, `getMany`: `GET /Users?filter=…or…`); either way each user is looked up once,
  // which the look-up counts say whatever the batching.
  const lookupKinds = (figures: SyncFigures, kinds: readonly string[]) =>
    Object.keys(figures.traffic.byKind)
      .filter((kind) => kind.startsWith('GET '))
      .every((kind) => kinds.includes(kind));
  const lookedUp = (figures: SyncFigures) =>
    Object.values(figures.traffic.lookupsByKind).reduce((sum, count) => sum + count, 0);

  it('creates every user with one POST each, and counts the lookups before them', () => {
    const create = phase(SYNC_PHASES.create);
    expect(create.counts).toMatchObject({ 'planned.create': USERS, 'create.succeeded': USERS });
    expect(create.writes).toBe(USERS);
    expect(create.requestsPerUser.byKind['POST /Users']).toBe(1);
    expect(create.traffic.byStatus['201']).toBe(USERS);
    // The engine correlates before it creates: one filtered look-up per user, nothing else.
    expect(create.traffic.byKind['POST /Users']).toBe(USERS);
    expect(lookupKinds(create, ['GET /Users?filter', 'GET /Users?filter=…or…'])).toBe(true);
    expect(lookedUp(create)).toBe(USERS);
    expect(create.traffic.total).toBe(
      USERS +
        (create.traffic.byKind['GET /Users?filter'] ?? 0) +
        (create.traffic.byKind['GET /Users?filter=…or…'] ?? 0),
    );
  });

  it('reads each linked user once on a full run with nothing to do, and sends nothing on an incremental one', () => {
    const full = phase(SYNC_PHASES.unchangedFull);
    expect(full.writes).toBe(0);
    expect(lookupKinds(full, ['GET /Users/{id}', 'GET /Users?filter=…or…'])).toBe(true);
    expect(Object.keys(full.traffic.byKind).every((kind) => kind.startsWith('GET '))).toBe(true);
    expect(lookedUp(full)).toBe(USERS);
    const incremental = phase(SYNC_PHASES.unchangedIncremental);
    expect(incremental.traffic.total).toBe(0);
    expect(incremental.requestsPerUser.total).toBe(0);
  });

  it('updates every user with one PATCH each, in full and incremental runs, and the last title arrives', () => {
    for (const name of [SYNC_PHASES.updateFull, SYNC_PHASES.updateIncremental]) {
      const update = phase(name);
      expect(update.counts).toMatchObject({ 'update.succeeded': USERS });
      expect(update.traffic.byKind['PATCH /Users/{id}']).toBe(USERS);
      expect(update.requestsPerUser.byKind['PATCH /Users/{id}']).toBe(1);
    }
    expect(report.latencyCases[0]).toMatchObject({ remoteUsers: USERS, remoteUsersWithLastTitle: USERS });
  });

  it('measures every budget against a rate-limited target, and counts the 429s from the target log', () => {
    expect(report.rateLimitCases.map((c) => c.budget.name)).toEqual([
      'connector requestsPerSecond 8',
      'connector requestsPerSecond 5',
      'engine requestsPerSecond 8, burst 8',
      'no client budget',
    ]);
    for (const result of report.rateLimitCases) {
      expect(result.runs.length).toBeGreaterThan(0);
      // The first run looks every user up (batched or not), whatever the target answers.
      const lookups = Object.values(result.traffic.lookupsByKind).reduce((sum, count) => sum + count, 0);
      expect(lookups).toBeGreaterThanOrEqual(RATE_LIMITED_USERS);
      expect(result.throttled).toBe(result.traffic.byStatus['429'] ?? 0);
      expect(result.remoteUsers).toBe(result.traffic.byStatus['201'] ?? 0);
    }
    // At half the limit, the connector's budget (which covers reads too) keeps every window
    // far below the limit: one run, every user, no 429.
    const half = report.rateLimitCases[1]!;
    expect(half.runs.map((run) => run.status)).toEqual(['succeeded']);
    expect(half.remoteUsers).toBe(RATE_LIMITED_USERS);
    expect(half.throttled).toBe(0);
    // With no budget at all the client runs into the limit.
    expect(report.rateLimitCases[3]!.throttled).toBeGreaterThan(0);
  });
});
