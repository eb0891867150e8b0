import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { MEMORY_DATA_DIR } from '../database/connect-database.js';
import { openStore, type IdsyncStore, type StoreOptions } from '../open-store.js';

/**
 * The two databases every store test runs against: in-memory PGlite and the real PostgreSQL
 * server. Each PostgreSQL store lives in a schema of its own with a random name, dropped when
 * the test file is done, so runs in parallel never see each other's rows. An unreachable
 * server fails the tests with a message saying so; nothing is skipped.
 */
export const POSTGRES_TEST_URL =
  process.env.IDSYNC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type DialectName = 'pglite' | 'postgres';

export interface TestStores {
  /** Opens a store on a fresh database (PGlite) or fresh schema (PostgreSQL). */
  open(options?: Partial<StoreOptions>): Promise<IdsyncStore>;
  /** Closes every store opened and drops the PostgreSQL schemas. */
  cleanup(): Promise<void>;
}

function randomSchemaName(): string {
  return `idsync_test_${randomBytes(6).toString('hex')}`;
}

async function dropSchemas(schemas: readonly string[]): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

export function testStores(dialect: DialectName): TestStores {
  const opened: IdsyncStore[] = [];
  const schemas: string[] = [];
  return {
    async open(options = {}) {
      let store: IdsyncStore;
      if (dialect === 'pglite') {
        store = await openStore({ dataDir: MEMORY_DATA_DIR, env: {}, ...options });
      } else {
        const schema = options.schema ?? randomSchemaName();
        schemas.push(schema);
        try {
          store = await openStore({
            databaseUrl: POSTGRES_TEST_URL,
            schema,
            poolSize: 4,
            secretKey: randomBytes(32),
            env: {},
            ...options,
          });
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new Error(
            `The store tests need the PostgreSQL server at ${POSTGRES_TEST_URL} (set IDSYNC_TEST_DATABASE_URL to use another): ${reason}`,
            { cause: error },
          );
        }
      }
      opened.push(store);
      return store;
    },
    async cleanup() {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      await dropSchemas(schemas.splice(0));
    },
  };
}

export const DIALECTS: readonly DialectName[] = ['pglite', 'postgres'];
