import { randomBytes } from 'node:crypto';
import { MEMORY_DATA_DIR, openStore, type IdsyncStore } from '@idsync/store';
import type { SchemaRegistry } from '@idsync/scim';

/** The PostgreSQL server the tests use (the machines' local one unless overridden). */
export const POSTGRES_TEST_URL =
  process.env.IDSYNC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestDialect = 'pglite' | 'postgres';

export interface TestStore {
  readonly store: IdsyncStore;
  /** Closes the store; for PostgreSQL, drops the test's schema first. */
  dispose(): Promise<void>;
}

/**
 * A real store for a test: in-memory PGlite, or a fresh schema with a random name on the
 * PostgreSQL server. An unreachable server fails the test with a message saying which server
 * was needed and how to point at another; it is never skipped.
 */
export async function openTestStore(
  dialect: TestDialect,
  schemaRegistry?: SchemaRegistry,
): Promise<TestStore> {
  const registryOption = schemaRegistry ? { schemaRegistry } : {};
  if (dialect === 'pglite') {
    const store = await openStore({ dataDir: MEMORY_DATA_DIR, env: {}, ...registryOption });
    return { store, dispose: () => store.close() };
  }
  const schema = `idsync_scim_server_test_${randomBytes(6).toString('hex')}`;
  let store: IdsyncStore;
  try {
    store = await openStore({
      databaseUrl: POSTGRES_TEST_URL,
      schema,
      poolSize: 4,
      env: {},
      ...registryOption,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `These tests need the PostgreSQL server at ${POSTGRES_TEST_URL} (set IDSYNC_TEST_DATABASE_URL to use another): ${reason}`,
      { cause: error },
    );
  }
  return {
    store,
    async dispose() {
      try {
        await store.database.schema.dropSchema(schema).ifExists().cascade().execute();
      } finally {
        await store.close();
      }
    },
  };
}
