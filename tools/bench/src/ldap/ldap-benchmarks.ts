import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  createStoreLocation,
  disposeStoreLocation,
  openBenchStore,
  type BenchStoreKind,
} from '../engine/bench-store.js';
import type { PhaseFigures } from '../engine/measure-phase.js';
import { startBenchDirectory } from './ldap-bench-directory.js';
import { runLdapStage, type LdapStageRequest, type LdapStageResult } from './ldap-bench-stages.js';
import type { LdapStageMessage } from './ldap-stage-process.js';
import type { LdapLatencyFigures } from './measure-ldap-incremental.js';

export interface LdapBenchOptions {
  /** People seeded into slapd (100,000 for the published figure). */
  readonly entries: number;
  /** Incremental changes timed (after two warm-ups). */
  readonly repetitions: number;
  /** Entries per page of the paged searches, and objects per engine page (default 500). */
  readonly pageSize?: number;
  /** The hub's store: PGlite on disk (`pglite`, the default) or in memory (tests). */
  readonly store?: Extract<BenchStoreKind, 'pglite' | 'pglite-memory'>;
  /** Each stage in a child process of its own (needs the compiled dist; not for PGlite in memory). */
  readonly isolate?: boolean;
  /** Progress lines (to stderr in the CLI): seeding 100,000 entries takes minutes. */
  readonly log?: (line: string) => void;
}

export interface LdapBenchReport {
  readonly entries: number;
  readonly pageSize: number;
  readonly store: string;
  readonly isolated: boolean;
  /** Adding the entries with ldapmodify through slapd (overlays and accesslog on, files on tmpfs). */
  readonly seed: { readonly seconds: number; readonly entriesPerSecond: number };
  /** (a) the connector's full read, (b) the engine's full inbound reconciliation into the hub. */
  readonly phases: PhaseFigures[];
  /** (c) one LDAP change → inbound incremental run → hub. */
  readonly incremental: LdapLatencyFigures;
  /** For scale: what authentik's users report for its LDAP source sync. */
  readonly reference: string;
}

/**
 * The LDAP suite: seed a throwaway slapd with `entries` people, then measure (a) a full read
 * through the connector, (b) a full inbound reconciliation into the hub, and (c) the latency of
 * one change through an incremental cycle. The bench runner calls this for `--suite ldap`.
 */
export async function runLdapBenchmarks(options: LdapBenchOptions): Promise<LdapBenchReport> {
  const log = options.log ?? (() => undefined);
  const pageSize = options.pageSize ?? 500;
  const storeKind = options.store ?? 'pglite';
  const isolated = (options.isolate ?? false) && storeKind !== 'pglite-memory';
  log(`ldap: seeding ${options.entries} entries into slapd…`);
  const directory = await startBenchDirectory(options.entries);
  const location = await createStoreLocation(storeKind, undefined);
  const seed = {
    seconds: directory.seedSeconds,
    entriesPerSecond: Math.round(options.entries / Math.max(directory.seedSeconds, 0.001)),
  };
  log(`  seed: ${seed.seconds} s (${seed.entriesPerSecond} entries/s)`);
  const requests: LdapStageRequest[] = [
    { stage: 'read', target: directory.target, entries: options.entries, pageSize },
    {
      stage: 'reconcile',
      target: directory.target,
      location,
      entries: options.entries,
      pageSize,
      repetitions: options.repetitions,
    },
  ];
  try {
    const results: LdapStageResult[] = [];
    for (const request of requests) {
      const result = isolated ? await runInChild(request) : await runLdapStage(request, openBenchStore);
      for (const phase of result.phases) {
        log(
          `  ${phase.name}: ${phase.seconds} s (CPU ${phase.cpuSeconds} s, load ${phase.loadAverage}), ` +
            `${phase.objectsPerSecond} objects/s, peak RSS ${phase.peakRssMiB} MiB`,
        );
      }
      results.push(result);
    }
    const reconcile = results.find((result) => result.stage === 'reconcile');
    if (!reconcile || reconcile.stage !== 'reconcile')
      throw new Error('The reconcile stage reported nothing.');
    log(`  incremental: median ${reconcile.incremental.medianMs} ms, p99 ${reconcile.incremental.p99Ms} ms`);
    return {
      entries: options.entries,
      pageSize,
      store: storeKind,
      isolated,
      seed,
      phases: results.flatMap((result) => result.phases),
      incremental: reconcile.incremental,
      reference: "authentik's users report 1.2–9.5 users per second for its LDAP source sync",
    };
  } finally {
    await directory.stop();
    await disposeStoreLocation(location);
  }
}

/** Runs one stage in `ldap-stage-process.js` (compiled next to this file) with the GC exposed. */
function runInChild(request: LdapStageRequest): Promise<LdapStageResult> {
  const entry = fileURLToPath(new URL('./ldap-stage-process.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = fork(entry, [], { execArgv: ['--expose-gc'], stdio: 'inherit' });
    let message: LdapStageMessage | undefined;
    child.on('message', (received) => (message = received as LdapStageMessage));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (message && 'result' in message) resolve(message.result);
      else {
        const reason = message && 'error' in message ? message.error : `exit code ${code}`;
        reject(new Error(`The ${request.stage} stage of the LDAP benchmark failed: ${reason}`));
      }
    });
    child.send(request);
  });
}
