import type { Kysely } from 'kysely';

/**
 * The server's own tables, next to the store's: the connections and rules managed through the
 * config file and the admin API. Definitions are kept as JSON text with secret settings taken
 * out (those live encrypted in the store's secret table).
 */
export interface CatalogTables {
  idsync_server_connections: CatalogRow;
  idsync_server_rules: CatalogRow;
}

export interface CatalogRow {
  name: string;
  /** The definition as JSON, without secret values. */
  definition: string;
  /** `file` when the config file seeded it, `api` when made through the admin API. */
  origin: string;
  /** Hash of the file's version last applied: a changed file entry is applied again on start. */
  seed_hash: string | null;
  /** Set while a rule deletion waits for approval: `{ runId, deprovision }` as JSON. */
  pending: string | null;
  /**
   * Set when a rule the file seeded was deleted through the API: the row stays as a tombstone
   * so the next start does not bring the rule back from the unchanged file.
   */
  deleted_at: string | null;
  updated_at: string;
}

/** Creates the tables when missing (idempotent; both PGlite and PostgreSQL). */
export async function ensureCatalogTables(db: Kysely<CatalogTables>): Promise<void> {
  for (const table of ['idsync_server_connections', 'idsync_server_rules'] as const) {
    await db.schema
      .createTable(table)
      .ifNotExists()
      .addColumn('name', 'text', (column) => column.primaryKey())
      .addColumn('definition', 'text', (column) => column.notNull())
      .addColumn('origin', 'text', (column) => column.notNull())
      .addColumn('seed_hash', 'text')
      .addColumn('pending', 'text')
      .addColumn('deleted_at', 'text')
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .execute();
  }
}
