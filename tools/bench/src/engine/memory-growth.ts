import type { PhaseFigures } from './measure-phase.js';
import type { EngineCaseReport } from './run-engine-case.js';

/** How a phase's memory grew between the smallest and the largest directory measured on one store. */
export interface MemoryGrowth {
  readonly store: string;
  readonly phase: string;
  readonly smallUsers: number;
  readonly largeUsers: number;
  readonly usersRatio: number;
  readonly smallPeakRssMiB: number;
  readonly largePeakRssMiB: number;
  /**
   * What the phase itself added (peak RSS minus RSS at its start), small and large. A phase
   * that starts with the in-memory reference target already filled (the in-sync plan) has
   * that target in both RSS figures; this part is the engine's own.
   */
  readonly smallPhaseGrowthMiB: number;
  readonly largePhaseGrowthMiB: number;
  /** Sampled peak RSS, large over small: near 1 when memory is bounded, near `usersRatio` when it grows with the directory. */
  readonly peakRssRatio: number;
  /** The same for the operating system's peak RSS of the process (one process per stage when isolated). */
  readonly processMaxRssRatio: number;
  readonly peakHeapUsedRatio: number;
}

const growthOf = (phase: PhaseFigures): number =>
  Math.round((phase.peakRssMiB - phase.startRssMiB) * 10) / 10;
const ratio = (large: number, small: number): number =>
  small > 0 ? Math.round((large / small) * 100) / 100 : 0;

/**
 * The memory-boundedness check: for each store and each phase measured at two or more sizes,
 * the largest size's memory over the smallest's. The engine streams the directory page by page,
 * so the ratio should stay far below the ratio of users; a phase where it does not keeps
 * something per object in memory.
 */
export function memoryGrowth(cases: readonly EngineCaseReport[]): MemoryGrowth[] {
  const growth: MemoryGrowth[] = [];
  for (const store of new Set(cases.map((entry) => entry.store))) {
    const sized = cases.filter((entry) => entry.store === store).sort((a, b) => a.users - b.users);
    const small = sized[0];
    const large = sized.at(-1);
    if (!small || !large || small.users === large.users) continue;
    for (const phase of small.phases) {
      const other = large.phases.find((candidate) => candidate.name === phase.name);
      if (!other) continue;
      growth.push({
        store,
        phase: phase.name,
        smallUsers: small.users,
        largeUsers: large.users,
        usersRatio: ratio(large.users, small.users),
        smallPeakRssMiB: phase.peakRssMiB,
        largePeakRssMiB: other.peakRssMiB,
        smallPhaseGrowthMiB: growthOf(phase),
        largePhaseGrowthMiB: growthOf(other),
        peakRssRatio: ratio(other.peakRssMiB, phase.peakRssMiB),
        processMaxRssRatio: ratio(other.processMaxRssMiB, phase.processMaxRssMiB),
        peakHeapUsedRatio: ratio(other.peakHeapUsedMiB, phase.peakHeapUsedMiB),
      });
    }
  }
  return growth;
}
