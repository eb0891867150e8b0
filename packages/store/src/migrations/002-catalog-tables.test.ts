import { afterAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { DIALECTS, testStores } from '../testing/store-test-targets.js';
import { STORE_MIGRATIONS } from './store-migrations.js';

/** The sync server's catalog tables as servers before migration 002 created them at start. */
const OLD_SERVER_DDL = (table: string) => `create table if not exists ${table} (
  name text primary key, definition text not null, origin text not null, seed_hash text,
  pending text, deleted_at text, updated_at text not null)`;

const row = {
  name: 'crm',
  definition: '{"name":"crm"}',
  origin: 'file',
  seed_hash: 'h1',
  updated_at: '2025-01-01T00:00:00.000Z',
};

describe.each(DIALECTS)('migration 002-catalog-tables on %s', (dialect) => {
  const stores = testStores(dialect);
  afterAll(() => stores.cleanup());

  it('creates the sync server catalog tables on a new store', async () => {
    const store = await stores.open();
    expect((await store.schemaStatus()).applied).toContain('002-catalog-tables');
    for (const table of ['idsync_server_connections', 'idsync_server_rules']) {
      await sql`insert into ${sql.table(table)} (name, definition, origin, seed_hash, updated_at)
        values (${row.name}, ${row.definition}, ${row.origin}, ${row.seed_hash}, ${row.updated_at})`.execute(
        store.database,
      );
      const { rows } = await sql<{ name: string; pending: string | null; deleted_at: string | null }>`
        select name, pending, deleted_at from ${sql.table(table)}`.execute(store.database);
      expect(rows).toEqual([{ name: 'crm', pending: null, deleted_at: null }]);
    }
  });

  it('keeps the tables and rows of a database whose server created them itself before the migration existed', async () => {
    const store = await stores.open();
    // Back to what an older server left: the store's migrations without 002, and the catalog
    // tables made by the server at start, with its rows in them.
    await sql`delete from kysely_migration where name = '002-catalog-tables'`.execute(store.database);
    for (const table of ['idsync_server_connections', 'idsync_server_rules']) {
      await sql.raw(`drop table ${table}`).execute(store.database);
      await sql.raw(OLD_SERVER_DDL(table)).execute(store.database);
      await sql`insert into ${sql.table(table)} (name, definition, origin, seed_hash, pending, deleted_at, updated_at)
        values (${row.name}, ${row.definition}, ${row.origin}, ${row.seed_hash}, ${'{"runId":"r"}'}, ${null}, ${row.updated_at})`.execute(
        store.database,
      );
    }
    expect((await store.schemaStatus()).pending).toEqual(['002-catalog-tables']);

    expect(await store.migrate()).toEqual({ applied: Object.keys(STORE_MIGRATIONS), pending: [] });
    for (const table of ['idsync_server_connections', 'idsync_server_rules']) {
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
        store.database,
      );
      expect(rows).toEqual([{ ...row, pending: '{"runId":"r"}', deleted_at: null }]);
    }
  });
});
