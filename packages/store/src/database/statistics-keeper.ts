import { sql, type Kysely } from 'kysely';
import type { StoreDatabase } from './database-schema.js';

/** The tables the engine reads by key on every page of a run. */
const HOT_TABLES = [
  'hub_objects',
  'hub_emails',
  'memberships',
  'hub_changes',
  'links',
  'created_memberships',
  'run_operations',
];
/** A table is analysed again once it has grown by this share since the last ANALYZE… */
const GROWTH_SHARE = 0.2;
/** …and by at least this many pages (8 KiB each): small tables are planned well enough anyway. */
const MINIMUM_GROWTH_PAGES = 16;
const CHECK_EVERY_MS = 30_000;

/**
 * Keeps the query planner's statistics current on the embedded store. PostgreSQL has the
 * autovacuum daemon for this; PGlite has none, so after a bulk load the planner still believes
 * a table holds the handful of rows it had at the last ANALYZE and may pick a scan of every
 * link of a connection to look one up, which costs nothing at a thousand links and a great
 * deal at a million. Every half minute (and on demand) this compares each
 * hot table's size on disk, which costs nothing to read, with the size the last ANALYZE saw,
 * and analyses the tables that grew, as autovacuum's analyze threshold would.
 */
export class StatisticsKeeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<string[]> | undefined;

  constructor(private readonly db: Kysely<StoreDatabase>) {}

  /** Checks every 30 s until `stop`; the timer never keeps the process alive. */
  start(): void {
    this.timer ??= setInterval(() => void this.refresh().catch(() => undefined), CHECK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Analyses the hot tables that grew since their last ANALYZE; returns their names. One at a time. */
  refresh(): Promise<string[]> {
    this.running ??= this.analyseGrownTables().finally(() => (this.running = undefined));
    return this.running;
  }

  private async analyseGrownTables(): Promise<string[]> {
    const { rows } = await sql<{ relname: string; relpages: number; pages: string }>`
      select c.relname, c.relpages, pg_relation_size(c.oid) / current_setting('block_size')::int as pages
      from pg_class c
      where c.relkind = 'r' and c.relnamespace = current_schema()::regnamespace
        and c.relname in (${sql.join(HOT_TABLES)})
    `.execute(this.db);
    const grown = rows
      .filter(
        (row) => Number(row.pages) >= Math.max(0, row.relpages) * (1 + GROWTH_SHARE) + MINIMUM_GROWTH_PAGES,
      )
      .map((row) => row.relname)
      .sort();
    for (const table of grown) await sql`analyze ${sql.table(table)}`.execute(this.db);
    return grown;
  }
}
