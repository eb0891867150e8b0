/**
 * The server's own tables, next to the store's: the connections and rules managed through the
 * config file and the admin API. Definitions are kept as JSON text with secret settings taken
 * out (those live encrypted in the store's secret table). The store creates them (its migration
 * `002-catalog-tables`); this is their shape as the catalog reads and writes them.
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
