import { randomBytes } from 'node:crypto';
import { openStore } from '@idsync/store';

export const POSTGRES_TEST_URL =
  process.env.IDSYNC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A fresh schema on the test PostgreSQL server for one test, dropped afterwards. Unreachable
 * PostgreSQL is a failure that says so: these tests are never skipped.
 */
export async function freshPostgresSchema(): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `idsync_e2e_${randomBytes(6).toString('hex')}`;
  let store;
  try {
    store = await openStore({ databaseUrl: POSTGRES_TEST_URL, schema, env: {} });
  } catch (error) {
    throw new Error(
      `The PostgreSQL end-to-end tests need the server at ${POSTGRES_TEST_URL} (set IDSYNC_TEST_DATABASE_URL for another): ${(error as Error).message}`,
    );
  }
  await store.close().catch(() => undefined);
  return {
    schema,
    drop: async () => {
      const admin = await openStore({ databaseUrl: POSTGRES_TEST_URL, schema, env: {} }).catch(
        () => undefined,
      );
      if (!admin) return;
      await admin.database.schema.dropSchema(schema).ifExists().cascade().execute();
      await admin.close();
    },
  };
}
