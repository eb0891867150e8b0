import { sql, type Kysely } from 'kysely';

/**
 * The sync server's catalog: the connections and rules it manages through its config file and
 * admin API, as JSON definitions with secret settings taken out (those live in `secrets`).
 * Servers before this migration created these tables themselves at start, so the statements
 * say `if not exists`: on such a database the tables and their rows are kept as they are.
 *
 * Columns: `origin` is `file` or `api`; `seed_hash` is the hash of the file's version last
 * applied; `pending` a rule deletion waiting for approval (JSON); `deleted_at` marks an entry
 * the file seeded and the API deleted (a tombstone, so an unchanged file does not bring it back).
 */
const TABLES = ['idsync_server_connections', 'idsync_server_rules'];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await sql
      .raw(
        `create table if not exists ${table} (
          name text primary key,
          definition text not null,
          origin text not null,
          seed_hash text,
          pending text,
          deleted_at text,
          updated_at text not null
        )`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await sql.raw(`drop table if exists ${table}`).execute(db);
}
