import type { IdsyncStore } from '@idsync/store';
import { openBenchStore, type StoreLocation } from '../engine/bench-store.js';
import { measurePhase, type PhaseFigures, type PhaseResult } from '../engine/measure-phase.js';
import { createBenchConnector, LdapBenchEngine } from './ldap-bench-engine.js';
import type { LdapBenchTarget } from './ldap-bench-directory.js';
import { measureLdapIncrementalLatency, type LdapLatencyFigures } from './measure-ldap-incremental.js';

/** The names of the phases in the report. */
export const LDAP_PHASES = {
  read: 'ldap.read full (connector only)',
  reconcile: 'ldap.inbound full reconciliation',
} as const;

/**
 * Two stages, each of which can run in a process of its own so that the process's peak RSS is
 * the stage's: a full read through the connector alone; and a full inbound reconciliation into
 * the hub followed by the incremental latency measurements (which need the hub it loaded).
 */
export type LdapStageRequest =
  | {
      readonly stage: 'read';
      readonly target: LdapBenchTarget;
      readonly entries: number;
      readonly pageSize: number;
    }
  | {
      readonly stage: 'reconcile';
      readonly target: LdapBenchTarget;
      readonly location: StoreLocation;
      readonly entries: number;
      readonly pageSize: number;
      readonly repetitions: number;
    };

export type LdapStageResult =
  | { readonly stage: 'read'; readonly phases: PhaseFigures[] }
  | {
      readonly stage: 'reconcile';
      readonly phases: PhaseFigures[];
      readonly incremental: LdapLatencyFigures;
    };

/** Runs a stage; the reconcile stage opens the store at its location (and closes it). */
export async function runLdapStage(
  request: LdapStageRequest,
  openStore = openBenchStore,
): Promise<LdapStageResult> {
  if (request.stage === 'read') {
    return { stage: 'read', phases: [await measurePhase(LDAP_PHASES.read, () => fullRead(request))] };
  }
  const store = await openStore(request.location);
  const engine = new LdapBenchEngine(store, request.target, request.pageSize);
  const editor = createBenchConnector(request.target, request.pageSize);
  try {
    const reconcile = await measurePhase(LDAP_PHASES.reconcile, () =>
      fullReconciliation(engine, store, request.entries),
    );
    const incremental = await measureLdapIncrementalLatency(
      engine,
      editor,
      request.entries,
      request.repetitions,
    );
    return { stage: 'reconcile', phases: [reconcile], incremental };
  } finally {
    await editor.close?.();
    await engine.close();
    await store.close();
  }
}

/** Every user entry through `read`, page by page, nothing kept: what the connector alone costs. */
async function fullRead(request: Extract<LdapStageRequest, { stage: 'read' }>): Promise<PhaseResult> {
  const connector = createBenchConnector(request.target, request.pageSize);
  let objects = 0;
  let pages = 0;
  let largestPage = 0;
  const names = new Set<string>();
  try {
    await new Promise<void>((resolve, reject) =>
      connector.read!('User', { pageSize: request.pageSize }).subscribe({
        next: (page) => {
          pages++;
          objects += page.length;
          largestPage = Math.max(largestPage, page.length);
          // Keep one name per page: proof the pages differ, without holding the directory.
          names.add(String(page[0]?.resource.userName));
        },
        error: reject,
        complete: resolve,
      }),
    );
  } finally {
    await connector.close?.();
  }
  if (objects !== request.entries)
    throw new Error(`The full read returned ${objects} entries, not ${request.entries}.`);
  return {
    objects,
    details: { pages, largestPage, distinctFirstNames: names.size, pageSize: request.pageSize },
  };
}

/** The inbound engine's full run into an empty hub: every entry read, planned, created and linked. */
async function fullReconciliation(
  engine: LdapBenchEngine,
  store: IdsyncStore,
  entries: number,
): Promise<PhaseResult> {
  engine.calls.take();
  const summary = await engine.pull('full');
  if (summary.status !== 'succeeded') {
    throw new Error(
      `The inbound full run ended "${summary.status}": ${summary.reason ?? 'no reason given'}.`,
    );
  }
  const hubUsers = await store.hub.count('User');
  if (hubUsers !== entries)
    throw new Error(`The hub has ${hubUsers} users after the full run, not ${entries}.`);
  return {
    objects: summary.counts['source.objects'] ?? 0,
    details: { status: summary.status, counts: summary.counts, hubUsers, storeCalls: engine.calls.take() },
  };
}
