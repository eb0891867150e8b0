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

  it('creates every user with one POST each, and counts the lookups before them', () => {
    const create = phase(SYNC_PHASES.create);
    expect(create.counts).toMatchObject({ 'planned.create': USERS, 'create.succeeded': USERS });
    expect(create.writes).toBe(USERS);
    expect(create.requestsPerUser.byKind['POST /Users']).toBe(1);
    expect(create.traffic.byStatus['201']).toBe(USERS);
    // The engine correlates before it creates: one filtered GET per user, nothing else.
    expect(create.traffic.byKind).toEqual({ 'GET /Users?filter': USERS, 'POST /Users': USERS });
  });

  it('reads each linked user once on a full run with nothing to do, and sends nothing on an incremental one', () => {
    const full = phase(SYNC_PHASES.unchangedFull);
    expect(full.writes).toBe(0);
    expect(full.traffic.byKind).toEqual({ 'GET /Users/{id}': USERS });
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
      expect(result.traffic.total).toBeGreaterThanOrEqual(2 * RATE_LIMITED_USERS);
      expect(result.throttled).toBe(result.traffic.byStatus['429'] ?? 0);
      expect(result.remoteUsers).toBe(result.traffic.byStatus['201'] ?? 0);
    }
    // At half the limit, the connector's budget (which covers reads too) keeps even a full
    // bucket plus a second's refill within one window: one run, every user, no 429.
    const half = report.rateLimitCases[1]!;
    expect(half.runs.map((run) => run.status)).toEqual(['succeeded']);
    expect(half.remoteUsers).toBe(RATE_LIMITED_USERS);
    expect(half.throttled).toBe(0);
    // With no budget at all the client runs into the limit.
    expect(report.rateLimitCases[3]!.throttled).toBeGreaterThan(0);
  });
});
