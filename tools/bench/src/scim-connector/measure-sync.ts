import { loadavg } from 'node:os';
import type { RunSummary } from '@idsync/core';
import { perObject, type TrafficFigures } from './classify-requests.js';
import type { ScimBenchEngine } from './scim-bench-engine.js';

/** One timed sync through the engine to the SCIM target, with what it sent. */
export interface SyncFigures {
  readonly name: string;
  readonly mode: 'full' | 'incremental';
  readonly status: RunSummary['status'];
  readonly seconds: number;
  /**
   * CPU time of this process during the run (user + system). The engine, the store (PGlite)
   * and the simulated target all run in this process, so on a shared machine `seconds` well
   * above `cpuSeconds` means the run waited for a core (or for the latency it was given).
   */
  readonly cpuSeconds: number;
  /** The machine's one-minute load average at the end of the run: how busy the cores were. */
  readonly loadAverage: number;
  /** Hub users the run covered (read and planned). */
  readonly users: number;
  /** Writes that succeeded (creates, updates…), and writes per second of the whole run. */
  readonly writes: number;
  readonly writesPerSecond: number;
  readonly counts: RunSummary['counts'];
  readonly traffic: TrafficFigures;
  /** The engine's calls to the store during the run, by port and method. */
  readonly storeCalls: Readonly<Record<string, number>>;
  /** Store calls per hub user of the directory. */
  readonly storeCallsPerUser: number;
  /** Requests per hub user of the directory (not only those the run read), in all and by kind. */
  readonly requestsPerUser: { readonly total: number; readonly byKind: Readonly<Record<string, number>> };
  /**
   * Objects looked up per hub user, by the kind of request that asked: 1 for
   * `GET /Users?filter=…or…` means each user was looked up once, in batches (see
   * `requestsPerUser` for how many requests that took).
   */
  readonly lookupsPerUser: Readonly<Record<string, number>>;
}

const WRITE_OUTCOMES = [
  'create.succeeded',
  'update.succeeded',
  'disable.succeeded',
  'delete.succeeded',
  'link.succeeded',
];

/**
 * Runs one sync and reports its wall time, throughput and traffic. The whole run is timed —
 * reading the hub, planning (with its remote lookups), executing, recording — since that is
 * what a user waits for; `writesPerSecond` is the writes over that time.
 */
export async function measureSync(
  engine: ScimBenchEngine,
  name: string,
  mode: 'full' | 'incremental',
): Promise<SyncFigures> {
  engine.takeTraffic();
  engine.takeStoreCalls();
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const run = await engine.sync(mode);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const traffic = engine.takeTraffic();
  const storeCalls = engine.takeStoreCalls();
  const storeCallCount = Object.values(storeCalls).reduce((sum, count) => sum + count, 0);
  const users = run.counts['source.objects'] ?? 0;
  const writes = WRITE_OUTCOMES.reduce((sum, key) => sum + (run.counts[key] ?? 0), 0);
  return {
    name,
    mode,
    status: run.status,
    seconds: Math.round(seconds * 1000) / 1000,
    cpuSeconds: Math.round((used.user + used.system) / 1000) / 1000,
    loadAverage: Math.round(loadavg()[0]! * 100) / 100,
    users,
    writes,
    writesPerSecond: seconds > 0 ? Math.round(writes / seconds) : 0,
    counts: run.counts,
    traffic,
    storeCalls,
    storeCallsPerUser: Math.round((storeCallCount / engine.users) * 100) / 100,
    requestsPerUser: perObject(traffic, engine.users),
    lookupsPerUser: perObject({ ...traffic, byKind: traffic.lookupsByKind }, engine.users).byKind,
  };
}
