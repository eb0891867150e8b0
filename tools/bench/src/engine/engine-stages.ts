import type { RunSummary } from '@idsync/core';
import type { IdsyncStore } from '@idsync/store';
import { BenchEngine } from './bench-engine.js';
import type { StoreLocation } from './bench-store.js';
import { loadHubUsers } from './load-hub-users.js';
import { measureIncrementalLatency, type LatencyFigures } from './measure-incremental-latency.js';
import { measurePhase, type PhaseFigures, type PhaseResult } from './measure-phase.js';
import { StatisticsRefresher } from './refresh-statistics.js';
import { seedLinkedTarget } from './seed-linked-target.js';
import { Ticker } from './ticker.js';

/** The names of the phases in the report. */
export const PHASES = {
  load: 'load',
  planEmpty: 'plan.full empty-target',
  runEmpty: 'run.full empty-target',
  seed: 'seed.direct',
  planInSync: 'plan.full in-sync',
} as const;

/**
 * A case runs in three stages, each of which can run in a process of its own (so that the
 * operating system's peak RSS of that process is the stage's): load the hub; plan against an
 * empty target; then fill the target (a measured full run, or the direct seed), plan again
 * with everything in sync and measure incremental latency — these share the in-memory target.
 */
export type StageRequest =
  | {
      readonly stage: 'load';
      readonly location: StoreLocation;
      readonly users: number;
      readonly throughApi: number;
    }
  | {
      readonly stage: 'plan';
      readonly location: StoreLocation;
      readonly users: number;
      /** Keep the planner's statistics current (see StatisticsRefresher). */
      readonly analyze: boolean;
    }
  | {
      readonly stage: 'sync';
      readonly location: StoreLocation;
      readonly users: number;
      readonly analyze: boolean;
      /** Fill the target with a measured full run (true) or the direct seed (false). */
      readonly execute: boolean;
      readonly repetitions: number;
    };

export type StageResult =
  | { readonly stage: 'load'; readonly phases: PhaseFigures[] }
  | { readonly stage: 'plan'; readonly phases: PhaseFigures[] }
  | { readonly stage: 'sync'; readonly phases: PhaseFigures[]; readonly incremental: LatencyFigures };

export async function runStage(store: IdsyncStore, request: StageRequest): Promise<StageResult> {
  const ticker = new Ticker();
  switch (request.stage) {
    case 'load': {
      const load = await measurePhase(
        PHASES.load,
        async () => {
          const outcome = await loadHubUsers(store, {
            users: request.users,
            throughApi: request.throughApi,
            onBatch: () => ticker.tick(),
          });
          const rate = (part: { users: number; seconds: number }) =>
            part.seconds > 0 ? Math.round(part.users / part.seconds) : 0;
          return {
            objects: request.users,
            details: {
              hubUsers: await store.hub.count('User'),
              throughApi: { ...outcome.throughApi, usersPerSecond: rate(outcome.throughApi) },
              bulk: { ...outcome.bulk, usersPerSecond: rate(outcome.bulk) },
            },
          };
        },
        ticker,
      );
      return { stage: 'load', phases: [load] };
    }
    case 'plan': {
      const engine = new BenchEngine(store, ticker);
      const measured = measuredWith(ticker, request.analyze ? new StatisticsRefresher(store) : undefined);
      return {
        stage: 'plan',
        phases: [await measured(PHASES.planEmpty, () => cycle(engine, 'plan', PHASES.planEmpty))],
      };
    }
    case 'sync': {
      const engine = new BenchEngine(store, ticker);
      const refresher = request.analyze ? new StatisticsRefresher(store) : undefined;
      const measured = measuredWith(ticker, refresher);
      const fill = request.execute
        ? await measured(PHASES.runEmpty, () => cycle(engine, 'run', PHASES.runEmpty))
        : await measured(PHASES.seed, () => seedLinkedTarget(engine));
      const planInSync = await measured(PHASES.planInSync, () => cycle(engine, 'plan', PHASES.planInSync));
      await refresher?.analyzeNow();
      const incremental = await measureIncrementalLatency(engine, request.users, request.repetitions);
      return { stage: 'sync', phases: [fill, planInSync], incremental };
    }
  }
}

/**
 * `measurePhase`, with the planner's statistics refreshed first and then every minute while
 * the phase runs, when a refresher is given.
 */
function measuredWith(ticker: Ticker, refresher: StatisticsRefresher | undefined) {
  return async (name: string, work: () => Promise<PhaseResult>): Promise<PhaseFigures> => {
    if (!refresher) return measurePhase(name, work, ticker);
    await refresher.analyzeNow();
    refresher.start(ticker);
    try {
      return await measurePhase(name, work, ticker);
    } finally {
      await refresher.stop();
    }
  };
}

const PROGRESS_EVERY_MS = 60_000;

/**
 * One full cycle, with what it did: the run's own counts, and the store and connector calls it
 * made. A cycle over a million users runs for many minutes; every minute the store calls so
 * far go to stderr, so a run stopped part way still gives a rate.
 */
async function cycle(engine: BenchEngine, kind: 'plan' | 'run', name: string): Promise<PhaseResult> {
  engine.calls.take();
  engine.takeRemoteCalls();
  const started = Date.now();
  const stopProgress = engine.ticker.every(PROGRESS_EVERY_MS, () => {
    const elapsed = Math.round((Date.now() - started) / 1000);
    console.error(`    ${name} after ${elapsed} s: ${JSON.stringify(engine.calls.peek())}`);
  });
  let summary: RunSummary;
  try {
    summary = await engine.sync('full', kind === 'plan');
  } finally {
    stopProgress();
  }
  if (summary.status !== 'succeeded') {
    throw new Error(`The ${kind} ended "${summary.status}": ${summary.reason ?? 'no reason given'}.`);
  }
  const planned = Object.entries(summary.counts)
    .filter(([key]) => key.startsWith('planned.'))
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    objects: summary.counts['source.objects'] ?? 0,
    details: {
      status: summary.status,
      plannedOperations: planned,
      counts: summary.counts,
      remoteObjects: engine.target.count('User'),
      storeCalls: engine.calls.take(),
      remoteCalls: engine.takeRemoteCalls(),
    },
  };
}
