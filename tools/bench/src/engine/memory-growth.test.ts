import { describe, expect, it } from '@jest/globals';
import type { PhaseFigures } from './measure-phase.js';
import { memoryGrowth } from './memory-growth.js';
import type { EngineCaseReport } from './run-engine-case.js';

function figures(
  name: string,
  peakRssMiB: number,
  processMaxRssMiB: number,
  peakHeapUsedMiB: number,
): PhaseFigures {
  return {
    name,
    objects: 1,
    seconds: 1,
    objectsPerSecond: 1,
    startRssMiB: 100,
    peakRssMiB,
    peakHeapUsedMiB,
    processMaxRssMiB,
    maxRssResetAtStart: true,
    cpuSeconds: 1,
    loadAverage: 1,
    details: {},
  };
}

function report(store: EngineCaseReport['store'], users: number, phases: PhaseFigures[]): EngineCaseReport {
  const incremental = {
    name: 'i',
    repetitions: 1,
    medianMs: 1,
    p99Ms: 1,
    minMs: 1,
    maxMs: 1,
    hubWriteMedianMs: 1,
    observedRemotely: 1,
    details: {},
  };
  return { store, users, analyzed: true, isolated: true, phases, incremental };
}

describe('memoryGrowth', () => {
  it('divides the largest size by the smallest for each phase both measured, per store', () => {
    const growth = memoryGrowth([
      report('pglite', 1_000_000, [figures('plan', 900, 1000, 300), figures('seed', 2000, 2100, 1500)]),
      report('pglite', 100_000, [figures('plan', 600, 800, 100), figures('run', 700, 700, 200)]),
      report('pglite', 500_000, [figures('plan', 5000, 5000, 5000)]),
      report('postgres', 100_000, [figures('plan', 200, 200, 50)]),
    ]);

    // Only "plan" exists at both ends for PGlite; PostgreSQL has a single size, so no ratio.
    expect(growth).toEqual([
      {
        store: 'pglite',
        phase: 'plan',
        smallUsers: 100_000,
        largeUsers: 1_000_000,
        usersRatio: 10,
        smallPeakRssMiB: 600,
        largePeakRssMiB: 900,
        smallPhaseGrowthMiB: 500,
        largePhaseGrowthMiB: 800,
        peakRssRatio: 1.5,
        processMaxRssRatio: 1.25,
        peakHeapUsedRatio: 3,
      },
    ]);
  });
});
