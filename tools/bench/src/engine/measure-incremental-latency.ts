import type { RunSummary } from '@idsync/core';
import { BENCH_CONNECTION_ID, type BenchEngine } from './bench-engine.js';
import { hundredths, latencySummary, medianOf, millisecondsSince } from '../latency-statistics.js';
import { benchHubId } from './bench-hub-users.js';

/** Latency of one hub change reaching the target, as written to the JSON report. */
export interface LatencyFigures {
  readonly name: string;
  readonly repetitions: number;
  /** Hub write → incremental run → the remote object holds the new value. */
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** The hub write alone (`HubStore.replace`), included in the figures above. */
  readonly hubWriteMedianMs: number;
  /** Repetitions after which the remote object held the change (should equal `repetitions`). */
  readonly observedRemotely: number;
  readonly details: Record<string, unknown>;
}

const WARM_UP = 2;

/**
 * Changes one user's title in the hub, runs an incremental cycle and reads the user back from
 * the target, `repetitions` times (after two warm-ups), each time a different user spread
 * over the directory. Needs a target in sync with a checkpoint (after a full run or the seed):
 * without one, the "incremental" run would be a full one, which `modes` in the details shows.
 */
export async function measureIncrementalLatency(
  engine: BenchEngine,
  users: number,
  repetitions: number,
): Promise<LatencyFigures> {
  const { store } = engine;
  const total = repetitions + WARM_UP;
  const samples: number[] = [];
  const hubWrites: number[] = [];
  const modes = new Set<RunSummary['mode']>();
  let observed = 0;
  let lastRun: RunSummary | undefined;
  engine.calls.take();
  engine.takeRemoteCalls();
  for (let repetition = 0; repetition < total; repetition++) {
    const hubId = benchHubId(Math.floor(((repetition + 0.5) * users) / total));
    const remoteId = (await store.links.get(BENCH_CONNECTION_ID, 'User', hubId))?.remoteId;
    const current = await store.hub.get('User', hubId);
    if (!remoteId || !current)
      throw new Error(`User ${hubId} is not in the hub or not linked; seed the target first.`);
    const title = `Benchmark title ${repetition}`;

    const started = process.hrtime.bigint();
    await store.hub.replace('User', hubId, { ...current.resource, title });
    const hubWrite = millisecondsSince(started);
    lastRun = await engine.sync('incremental', false);
    const arrived = engine.target.get('User', remoteId)?.attributes.title === title;
    const elapsed = millisecondsSince(started);

    if (repetition < WARM_UP) continue;
    samples.push(elapsed);
    hubWrites.push(hubWrite);
    modes.add(lastRun.mode);
    if (arrived) observed++;
  }
  return {
    name: 'incremental.one-change',
    repetitions,
    ...latencySummary(samples),
    hubWriteMedianMs: medianOf(hubWrites),
    observedRemotely: observed,
    details: {
      warmUp: WARM_UP,
      modes: [...modes],
      lastRunCounts: lastRun?.counts ?? {},
      storeCallsPerChange: perRepetition(engine.calls.take(), total),
      remoteCallsPerChange: perRepetition(engine.takeRemoteCalls(), total),
    },
  };
}

function perRepetition(counts: Record<string, number>, repetitions: number): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts).map(([key, count]) => [key, hundredths(count / repetitions)]),
  );
}
