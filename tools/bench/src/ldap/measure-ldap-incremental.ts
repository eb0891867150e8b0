import type { Connector, RunSummary } from '@idsync/core';
import { benchUid } from './ldap-bench-directory.js';
import { LDAP_BENCH_CONNECTION_ID, type LdapBenchEngine } from './ldap-bench-engine.js';
import { hundredths, latencySummary, medianOf, millisecondsSince } from '../latency-statistics.js';

/** Latency of one LDAP change reaching the hub, as written to the JSON report. */
export interface LdapLatencyFigures {
  readonly name: string;
  readonly repetitions: number;
  /** LDAP modify → inbound incremental run → the hub user holds the new value. */
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** The LDAP modify alone, included in the figures above. */
  readonly ldapWriteMedianMs: number;
  /**
   * One incremental poll of the connector alone (`changesSince` from the engine's checkpoint,
   * nothing changed): the LDAP side of the figures above; the rest is the engine and the hub.
   */
  readonly connectorPollMedianMs: number;
  /** Repetitions after which the hub held the change (should equal `repetitions`). */
  readonly observedInHub: number;
  readonly details: Record<string, unknown>;
}

const WARM_UP = 2;

/**
 * Changes one entry's title in LDAP (through a second connector, standing for an administrator),
 * runs an inbound incremental cycle and reads the user back from the hub, `repetitions` times
 * after two warm-ups, each time another entry spread over the directory. Needs the hub loaded
 * by a full run (which leaves the checkpoint an incremental run starts from).
 */
export async function measureLdapIncrementalLatency(
  engine: LdapBenchEngine,
  editor: Connector,
  entries: number,
  repetitions: number,
): Promise<LdapLatencyFigures> {
  const { store } = engine;
  const total = repetitions + WARM_UP;
  const samples: number[] = [];
  const writes: number[] = [];
  const modes = new Set<RunSummary['mode']>();
  let observed = 0;
  let lastRun: RunSummary | undefined;
  engine.calls.take();
  for (let repetition = 0; repetition < total; repetition++) {
    const userName = benchUid(Math.floor(((repetition + 0.5) * entries) / total));
    const user = await store.hub.findByUserName(userName);
    const remoteId = user && (await store.links.get(LDAP_BENCH_CONNECTION_ID, 'User', user.id))?.remoteId;
    if (!user || !remoteId)
      throw new Error(`${userName} is not in the hub or not linked; run the full reconciliation first.`);
    const title = `Changed title ${repetition}`;

    const started = process.hrtime.bigint();
    await editor.patch!('User', remoteId, [{ op: 'replace', path: 'title', value: title }]);
    const write = millisecondsSince(started);
    lastRun = await engine.pull('incremental');
    const arrived = (await store.hub.get('User', user.id))?.resource.title === title;
    const elapsed = millisecondsSince(started);

    if (repetition < WARM_UP) continue;
    samples.push(elapsed);
    writes.push(write);
    modes.add(lastRun.mode);
    if (arrived) observed++;
  }
  const polls = await timePolls(engine, editor, repetitions);
  return {
    name: 'incremental.one-ldap-change',
    repetitions,
    ...latencySummary(samples),
    ldapWriteMedianMs: medianOf(writes),
    connectorPollMedianMs: medianOf(polls),
    observedInHub: observed,
    details: {
      warmUp: WARM_UP,
      modes: [...modes],
      lastRunCounts: lastRun?.counts ?? {},
      storeCallsPerChange: Object.fromEntries(
        Object.entries(engine.calls.take()).map(([key, count]) => [key, hundredths(count / total)]),
      ),
    },
  };
}

/** Times `count` polls of the connector from the engine's checkpoint. */
async function timePolls(engine: LdapBenchEngine, connector: Connector, count: number): Promise<number[]> {
  const token = (await engine.store.checkpoints.get(LDAP_BENCH_CONNECTION_ID, 'User', 'inbound'))?.token;
  if (token === undefined) throw new Error('The engine left no checkpoint to poll from.');
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await new Promise<void>((resolve, reject) =>
      connector.changesSince!('User', token).subscribe({ error: reject, complete: resolve }),
    );
    times.push(millisecondsSince(started));
  }
  return times;
}
