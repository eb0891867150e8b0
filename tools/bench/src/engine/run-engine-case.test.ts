import { describe, expect, it } from '@jest/globals';
import { PHASES } from './engine-stages.js';
import type { PhaseFigures } from './measure-phase.js';
import { runEngineCase, type EngineCaseReport } from './run-engine-case.js';

// Tiny cases on PGlite in memory: these check that every figure comes from real work — the
// plan covers every loaded user, the run creates them remotely, the change arrives — not speed.
const USERS = 200;
const REPETITIONS = 3;

function phase(report: EngineCaseReport, name: string): PhaseFigures {
  const found = report.phases.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no phase ${name} in ${report.phases.map((p) => p.name).join(', ')}`);
  return found;
}

const runCase = (execute: boolean, analyze = false) =>
  runEngineCase({
    analyze,
    store: 'pglite-memory',
    users: USERS,
    execute,
    repetitions: REPETITIONS,
    throughApi: 20,
    isolate: true,
  });

describe('engine benchmark case', () => {
  it('plans, runs and re-plans the whole directory, and measures changes that really arrive', async () => {
    const report = await runCase(true);

    // PGlite in memory cannot be shared with child processes, so the stages ran here.
    expect(report.isolated).toBe(false);
    expect(report.phases.map((p) => p.name)).toEqual([
      PHASES.load,
      PHASES.planEmpty,
      PHASES.runEmpty,
      PHASES.planInSync,
    ]);

    expect(phase(report, PHASES.load).details).toMatchObject({
      hubUsers: USERS,
      throughApi: { users: 20 },
      bulk: { users: USERS - 20 },
    });

    const planEmpty = phase(report, PHASES.planEmpty);
    expect(planEmpty.objects).toBe(USERS);
    expect(planEmpty.details).toMatchObject({
      plannedOperations: USERS,
      counts: { 'source.objects': USERS, 'planned.create': USERS },
      // A plan writes nothing remotely; it looked every user up by userName, one batched
      // look-up per page of 500 hub objects.
      remoteObjects: 0,
      remoteCalls: { findEach: Math.ceil(USERS / 500) },
    });

    const run = phase(report, PHASES.runEmpty);
    expect(run.details).toMatchObject({
      counts: { 'planned.create': USERS, 'create.succeeded': USERS },
      remoteObjects: USERS,
      remoteCalls: { create: USERS },
    });

    // Everything in sync: the full plan reads every user on both sides and finds nothing to do.
    const planInSync = phase(report, PHASES.planInSync);
    expect(planInSync.objects).toBe(USERS);
    expect(planInSync.details).toMatchObject({
      plannedOperations: 0,
      remoteObjects: USERS,
      remoteCalls: { getMany: Math.ceil(USERS / 500) },
    });

    expect(report.incremental).toMatchObject({ repetitions: REPETITIONS, observedRemotely: REPETITIONS });
    expect(report.incremental.details).toMatchObject({
      modes: ['incremental'],
      lastRunCounts: { 'source.objects': 1, 'planned.update': 1, 'update.succeeded': 1 },
    });

    for (const figures of report.phases) {
      expect(figures.peakRssMiB).toBeGreaterThanOrEqual(figures.startRssMiB);
      expect(figures.processMaxRssMiB).toBeGreaterThanOrEqual(figures.startRssMiB);
      expect(figures.peakHeapUsedMiB).toBeGreaterThan(0);
    }
  }, 180_000);

  it('seeds the target exactly as a run would leave it, so the in-sync plan is empty', async () => {
    // With the statistics refresher on: ANALYZE between the engine's queries changes no result.
    const report = await runCase(false, true);

    expect(report.analyzed).toBe(true);
    expect(report.phases.map((p) => p.name)).toEqual([
      PHASES.load,
      PHASES.planEmpty,
      PHASES.seed,
      PHASES.planInSync,
    ]);
    expect(phase(report, PHASES.seed).details).toMatchObject({ remoteObjects: USERS, links: USERS });
    // A seeded link with a wrong hash or a remote object mapped differently would be planned as
    // a confirm or an update here.
    expect(phase(report, PHASES.planInSync).details).toMatchObject({
      plannedOperations: 0,
      counts: { 'source.objects': USERS },
    });
    // The seed's checkpoint makes the next run incremental, as a full run's would.
    expect(report.incremental.details).toMatchObject({ modes: ['incremental'] });
    expect(report.incremental.observedRemotely).toBe(REPETITIONS);
  }, 180_000);
});
