import type { IdsyncStore } from '@idsync/store';
import { sql } from 'kysely';
import type { Ticker } from './ticker.js';

/** The tables the engine reads by key while it reconciles. */
const TABLES = ['hub_objects', 'hub_emails', 'hub_changes', 'links', 'run_operations', 'audit_log'];
const EVERY_MS = 60_000;

/**
 * Stands in for PostgreSQL's autovacuum daemon, which keeps the planner's statistics current:
 * PGlite has no such daemon, and a server may run with it switched off (as the one these
 * figures were taken on does). Without statistics the planner can pick an index that matches
 * only part of a lookup — a link lookup by hub id then reads every link of the connection —
 * so `--analyze` measures the engine with statistics as a tuned server would have them:
 * `ANALYZE` before each measured phase and once a minute while it runs (autovacuum's default
 * nap time). Its cost is counted in the phase, as autovacuum's would be on an embedded store.
 */
export class StatisticsRefresher {
  private stopTicking: (() => void) | undefined;
  private running: Promise<void> | undefined;
  /** How many times ANALYZE ran. */
  analyses = 0;

  constructor(private readonly store: IdsyncStore) {}

  async analyzeNow(): Promise<void> {
    // One at a time: a slow ANALYZE of a large table is not started again on top of itself.
    this.running ??= sql
      .raw(`analyze ${TABLES.join(', ')}`)
      .execute(this.store.database)
      .then(() => {
        this.analyses++;
      })
      .finally(() => (this.running = undefined));
    await this.running;
  }

  /**
   * Starts refreshing every minute until `stop`. On PGlite the ANALYZE is queued from inside a
   * store call (see Ticker) and runs between two of the engine's queries.
   */
  start(ticker: Ticker): void {
    this.stopTicking ??= ticker.every(EVERY_MS, () => void this.analyzeNow().catch(() => undefined));
  }

  async stop(): Promise<void> {
    this.stopTicking?.();
    this.stopTicking = undefined;
    await this.running;
  }
}
