import { describe, expect, it } from '@jest/globals';
import { LDAP_PHASES } from './ldap-bench-stages.js';
import { runLdapBenchmarks } from './ldap-benchmarks.js';

// A tiny run against a real slapd, the hub on PGlite in memory: this checks that every figure
// comes from real work — every entry read in pages, every entry reconciled into the hub, each
// change seen in the hub — not how fast it was.
const ENTRIES = 1_200;
const PAGE_SIZE = 500;
const REPETITIONS = 3;

describe('LDAP benchmark', () => {
  it('reads and reconciles every seeded entry, and times changes that really reach the hub', async () => {
    const lines: string[] = [];
    const report = await runLdapBenchmarks({
      entries: ENTRIES,
      repetitions: REPETITIONS,
      pageSize: PAGE_SIZE,
      store: 'pglite-memory',
      isolate: true,
      log: (line) => lines.push(line),
    });

    // PGlite in memory cannot be shared with a child process: the stages ran here.
    expect(report).toMatchObject({
      entries: ENTRIES,
      pageSize: PAGE_SIZE,
      store: 'pglite-memory',
      isolated: false,
    });
    expect(report.seed.seconds).toBeGreaterThan(0);
    expect(report.phases.map((phase) => phase.name)).toEqual([LDAP_PHASES.read, LDAP_PHASES.reconcile]);

    const [read, reconcile] = report.phases;
    // 1,200 entries in pages of at most 500: three pages, all different.
    expect(read).toMatchObject({
      objects: ENTRIES,
      details: { pages: 3, largestPage: PAGE_SIZE, distinctFirstNames: 3 },
    });
    expect(reconcile).toMatchObject({
      objects: ENTRIES,
      details: { hubUsers: ENTRIES, counts: { 'source.objects': ENTRIES, 'create.succeeded': ENTRIES } },
    });
    // One hub create per entry: the store calls prove the hub was written, not just planned.
    expect((reconcile?.details['storeCalls'] as Record<string, number>)['hub.create']).toBe(ENTRIES);

    expect(report.incremental).toMatchObject({ repetitions: REPETITIONS, observedInHub: REPETITIONS });
    expect(report.incremental.details).toMatchObject({
      modes: ['incremental'],
      lastRunCounts: { 'update.succeeded': 1 },
    });
    expect(report.incremental.medianMs).toBeGreaterThanOrEqual(report.incremental.ldapWriteMedianMs);
    expect(report.incremental.p99Ms).toBeGreaterThanOrEqual(report.incremental.medianMs);
    // The connector's own poll was timed too (it ran: its time cannot be zero).
    expect(report.incremental.connectorPollMedianMs).toBeGreaterThan(0);

    for (const phase of report.phases) {
      expect(phase.peakRssMiB).toBeGreaterThanOrEqual(phase.startRssMiB);
      expect(phase.objectsPerSecond).toBeGreaterThan(0);
    }
    expect(lines.some((line) => line.includes('incremental: median'))).toBe(true);
  }, 300_000);
});
