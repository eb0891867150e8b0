import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { StoreDatabase } from './database-schema.js';

/** The in-memory PGlite data directory: nothing is written to disk. */
export const MEMORY_DATA_DIR = 'memory://';
export const DEFAULT_DATA_DIR = './.data/pglite';
const DEFAULT_POOL_SIZE = 10;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export type DatabaseTarget =
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string; readonly poolSize?: number }
  | { readonly kind: 'pglite'; readonly dataDir: string };

export interface ConnectedDatabase {
  readonly db: Kysely<StoreDatabase>;
  readonly target: DatabaseTarget;
}

/**
 * Opens the database: a bounded pg pool with TCP keep-alive for PostgreSQL, or PGlite in
 * this process. With `schema`, every pooled connection starts with that schema first on its
 * search_path (set in the startup packet, so no connection can run a query before it), and
 * the schema is created when missing.
 */
export async function connectDatabase(target: DatabaseTarget): Promise<ConnectedDatabase> {
  if (target.kind === 'pglite') return { db: await openPGlite(target.dataDir), target };
  if (target.schema !== undefined && !SCHEMA_NAME.test(target.schema)) {
    throw new Error(
      `"${target.schema}" is not a usable PostgreSQL schema name: use lower-case letters, digits and underscores.`,
    );
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? DEFAULT_POOL_SIZE,
    keepAlive: true,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  // An idle connection that breaks (server restart, network) is dropped from the pool and the
  // next query opens a new one; without a listener, pg's 'error' event would end the process.
  pool.on('error', () => undefined);
  const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (target.schema) await sql.raw(`create schema if not exists ${target.schema}`).execute(db);
    else await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Cannot reach PostgreSQL at ${redactUrl(target.url)}: ${reason}. Check DATABASE_URL and that the server is running.`,
      {
        cause: error,
      },
    );
  }
  return { db, target };
}

async function openPGlite(dataDir: string): Promise<Kysely<StoreDatabase>> {
  let location = dataDir;
  if (dataDir !== MEMORY_DATA_DIR) {
    location = resolve(dataDir);
    await mkdir(location, { recursive: true });
  }
  const pglite = await PGlite.create(location === MEMORY_DATA_DIR ? undefined : location);
  // One backend, one connection: Kysely's PGlite adapter declares it single-connection, so
  // Kysely runs one query or one whole transaction at a time (pglite-serialisation.test.ts).
  // Inside a transaction, only its handle may be used: the outer one would wait for it.
  return new Kysely<StoreDatabase>({ dialect: new PGliteDialect({ pglite }) });
}

/** The URL without its password, for error messages (safety rule 4). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable DATABASE_URL)';
  }
}
