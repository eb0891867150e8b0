import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  createStoreLocation,
  disposeStoreLocation,
  openBenchStore,
  type BenchStoreKind,
  type StoreLocation,
} from './bench-store.js';
import { runStage, type StageRequest, type StageResult } from './engine-stages.js';
import type { LatencyFigures } from './measure-incremental-latency.js';
import type { PhaseFigures } from './measure-phase.js';

export interface EngineCaseOptions {
  readonly store: BenchStoreKind;
  readonly users: number;
  /** PostgreSQL server for `store: 'postgres'`; each case gets a schema of its own, dropped afterwards. */
  readonly databaseUrl?: string;
  /** Fill the target with a measured full run (execute); otherwise with the direct seed. */
  readonly execute: boolean;
  /** Incremental changes measured. */
  readonly repetitions: number;
  /** Users loaded through `HubStore.create` (the rest in bulk), to show the API's load rate. */
  readonly throughApi: number;
  /** Keep the planner's statistics current with ANALYZE, as autovacuum would (see StatisticsRefresher). */
  readonly analyze: boolean;
  /** Each stage in a child process of its own (not possible for PGlite in memory). */
  readonly isolate: boolean;
  /** Told each phase's figures as soon as its stage ends (a 1M case runs for a long time). */
  readonly onPhase?: (phase: PhaseFigures) => void;
}

export interface EngineCaseReport {
  readonly store: BenchStoreKind;
  readonly users: number;
  /** Whether the benchmark kept the planner's statistics current (`--analyze`). */
  readonly analyzed: boolean;
  /** Whether each stage ran in its own process (then `processMaxRssMiB` is that stage's peak). */
  readonly isolated: boolean;
  readonly phases: PhaseFigures[];
  readonly incremental: LatencyFigures;
}

/** Runs load → plan (empty target) → fill → plan (in sync) → incremental latency for one store and size. */
export async function runEngineCase(options: EngineCaseOptions): Promise<EngineCaseReport> {
  const isolated = options.isolate && options.store !== 'pglite-memory';
  const location = await createStoreLocation(options.store, options.databaseUrl);
  const requests: StageRequest[] = [
    { stage: 'load', location, users: options.users, throughApi: options.throughApi },
    { stage: 'plan', location, users: options.users, analyze: options.analyze },
    {
      stage: 'sync',
      location,
      users: options.users,
      analyze: options.analyze,
      execute: options.execute,
      repetitions: options.repetitions,
    },
  ];
  try {
    const report = (result: StageResult) => {
      for (const phase of result.phases) options.onPhase?.(phase);
      return result;
    };
    const results = isolated
      ? await runInChildren(requests, report)
      : await runInProcess(location, requests, report);
    const sync = results.find((result) => result.stage === 'sync');
    if (!sync) throw new Error('The sync stage reported nothing.');
    return {
      store: options.store,
      users: options.users,
      analyzed: options.analyze,
      isolated,
      phases: results.flatMap((result) => result.phases),
      incremental: sync.incremental,
    };
  } finally {
    await disposeStoreLocation(location);
  }
}

type StageListener = (result: StageResult) => StageResult;

async function runInProcess(
  location: StoreLocation,
  requests: readonly StageRequest[],
  report: StageListener,
): Promise<StageResult[]> {
  const store = await openBenchStore(location);
  try {
    const results: StageResult[] = [];
    for (const request of requests) results.push(report(await runStage(store, request)));
    return results;
  } finally {
    await store.close();
  }
}

async function runInChildren(
  requests: readonly StageRequest[],
  report: StageListener,
): Promise<StageResult[]> {
  const results: StageResult[] = [];
  for (const request of requests) results.push(report(await runInChild(request)));
  return results;
}

/** Message a stage process sends back: its result, or why it failed. */
export type StageMessage = { readonly result: StageResult } | { readonly error: string };

/** Runs one stage in `engine-stage-process.js` (compiled next to this file) with the GC exposed. */
function runInChild(request: StageRequest): Promise<StageResult> {
  const entry = fileURLToPath(new URL('./engine-stage-process.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = fork(entry, [JSON.stringify(request)], { execArgv: ['--expose-gc'], stdio: 'inherit' });
    let message: StageMessage | undefined;
    child.on('message', (received) => (message = received as StageMessage));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (message && 'result' in message) resolve(message.result);
      else {
        const reason = message && 'error' in message ? message.error : `exit code ${code}`;
        reject(new Error(`The ${request.stage} stage of the engine benchmark failed: ${reason}`));
      }
    });
  });
}
