import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { StoreDatabase } from '../database/database-schema.js';
import { STORE_MIGRATIONS, storeMigrationProvider } from './store-migrations.js';

/** Where the database's schema stands relative to the migrations this code knows. */
export interface SchemaStatus {
  readonly applied: readonly string[];
  readonly pending: readonly string[];
}

/** Thrown when the database and this build of idsync disagree about the schema. */
export class StoreSchemaError extends Error {
  override readonly name = 'StoreSchemaError';
}

/**
 * Kysely finds its bookkeeping table through introspection, which lists every schema of the
 * database: with idsync in one schema and another copy (or a test run) in the next, it would
 * see the other's table. Naming the connection's own current schema keeps each store to its own.
 */
async function migratorFor(db: Kysely<StoreDatabase>): Promise<Migrator> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema)
    throw new StoreSchemaError('The database connection has no current schema: check search_path.');
  return new Migrator({ db, provider: storeMigrationProvider, migrationTableSchema: schema });
}

/**
 * Compares the migrations recorded in the database with the ones in this build. A database
 * migrated by a newer idsync is refused with an error saying so, rather than being written
 * with assumptions about a schema this code does not know.
 */
export async function schemaStatus(db: Kysely<StoreDatabase>): Promise<SchemaStatus> {
  const migrations = await (await migratorFor(db)).getMigrations();
  const applied = migrations.filter((m) => m.executedAt !== undefined).map((m) => m.name);
  const pending = migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
  // getMigrations lists only known migrations; look at the table for unknown ones.
  const recorded = await recordedMigrationNames(db);
  const unknown = recorded.filter((name) => !(name in STORE_MIGRATIONS));
  if (unknown.length > 0) {
    throw new StoreSchemaError(
      `The database has store migrations this idsync does not know (${unknown.join(', ')}): it was migrated by a newer ` +
        'version. Run that version, or restore a backup taken before the upgrade.',
    );
  }
  return { applied, pending };
}

async function recordedMigrationNames(db: Kysely<StoreDatabase>): Promise<string[]> {
  // to_regclass resolves through search_path: only this store's schema counts.
  const { rows } = await sql<{
    present: boolean;
  }>`select to_regclass('kysely_migration') is not null as present`.execute(db);
  if (!rows[0]?.present) return [];
  const recorded = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  return recorded.rows.map((row) => row.name);
}

/**
 * Applies every pending migration. Idempotent: a second call finds nothing to do. Kysely's
 * migrator takes a lock, so two processes starting together do not both migrate.
 */
export async function migrateStore(db: Kysely<StoreDatabase>): Promise<SchemaStatus> {
  await schemaStatus(db);
  const { error, results } = await (await migratorFor(db)).migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreSchemaError(`Store migration ${failed} failed: ${reason}`, { cause: error });
  }
  return schemaStatus(db);
}
