import type { BenchStoreKind } from './bench-store.js';
import { memoryGrowth, type MemoryGrowth } from './memory-growth.js';
import { runEngineCase, type EngineCaseReport } from './run-engine-case.js';

export interface EngineBenchOptions {
  readonly stores: readonly BenchStoreKind[];
  /** Directory sizes (hub users); each store is measured at each. */
  readonly sizes: readonly number[];
  /** Largest size at which the full run (execute) is measured; above it the target is seeded directly. */
  readonly executeUpTo: number;
  readonly repetitions: number;
  readonly throughApi: number;
  /** Keep the planner's statistics current with ANALYZE (see StatisticsRefresher). */
  readonly analyze: boolean;
  readonly databaseUrl?: string;
  readonly isolate: boolean;
  /** Progress lines (to stderr in the CLI): a 1M case runs for many minutes. */
  readonly log: (line: string) => void;
}

export interface EngineBenchReport {
  readonly cases: EngineCaseReport[];
  readonly memoryGrowth: MemoryGrowth[];
}

/**
 * The engine suite: for every store and size, the full reconciliation plan against an empty
 * target and against a target in sync, a full run, and the latency of one incremental change;
 * then how memory grew with the directory.
 */
export async function runEngineBenchmarks(options: EngineBenchOptions): Promise<EngineBenchReport> {
  const cases: EngineCaseReport[] = [];
  for (const store of options.stores) {
    for (const users of [...options.sizes].sort((a, b) => a - b)) {
      options.log(`engine: ${store}, ${users} users…`);
      const report = await runEngineCase({
        store,
        users,
        execute: users <= options.executeUpTo,
        repetitions: options.repetitions,
        throughApi: options.throughApi,
        analyze: options.analyze,
        isolate: options.isolate,
        onPhase: (phase) =>
          options.log(
            `  ${phase.name}: ${phase.seconds} s (CPU ${phase.cpuSeconds} s, load ${phase.loadAverage}), ` +
              `${phase.objectsPerSecond} objects/s, peak RSS ${phase.peakRssMiB} MiB`,
          ),
        ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      });
      options.log(
        `  incremental: median ${report.incremental.medianMs} ms, p99 ${report.incremental.p99Ms} ms`,
      );
      cases.push(report);
    }
  }
  return { cases, memoryGrowth: memoryGrowth(cases) };
}
