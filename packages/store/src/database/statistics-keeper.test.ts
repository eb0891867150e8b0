import { afterAll, describe, expect, it } from '@jest/globals';
import type { Link } from '@idsync/core';
import { sql } from 'kysely';
import type { IdsyncStore } from '../open-store.js';
import { DIALECTS, testStores } from '../testing/store-test-targets.js';

const link = (index: number): Link => ({
  connectionId: 'crm',
  objectType: 'User',
  hubId: `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
  remoteId: `r-${index}`,
  ruleIds: ['users'],
  state: 'in-sync',
  attempts: 0,
  updatedAt: '2026-03-02T09:00:00.000Z',
});

async function plannerRowsOfLinks(store: IdsyncStore): Promise<number> {
  const { rows } = await sql<{ reltuples: number }>`
    select reltuples from pg_class where relname = 'links' and relnamespace = current_schema()::regnamespace
  `.execute(store.database);
  return Number(rows[0]!.reltuples);
}

async function linkLookupPlan(store: IdsyncStore): Promise<string> {
  const ids = [link(17).hubId, link(4_000).hubId];
  const { rows } = await sql<{ 'QUERY PLAN': string }>`
    explain select * from links where connection_id = 'crm' and object_type = 'User' and hub_id = any(${ids})
  `.execute(store.database);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

describe.each(DIALECTS)('statistics of the hot tables on %s', (dialect) => {
  const stores = testStores(dialect);
  afterAll(() => stores.cleanup());

  it('analyses the tables that grew since the last ANALYZE, so the planner knows their size', async () => {
    const store = await stores.open();
    const links = Array.from({ length: 6_000 }, (_, index) => link(index));
    for (let start = 0; start < links.length; start += 1_000)
      await store.links.putMany(links.slice(start, start + 1_000));

    const analysed = await store.refreshStatistics();
    // PostgreSQL's autovacuum may have been first; PGlite has no such daemon.
    if (dialect === 'pglite') expect(analysed).toContain('links');
    expect(await plannerRowsOfLinks(store)).toBeGreaterThan(5_000);
    // A look-up by hub id now reads the index, not every link of the connection.
    expect(await linkLookupPlan(store)).toMatch(/Index/);

    // Nothing grew since: nothing to analyse.
    expect(await store.refreshStatistics()).toEqual([]);
  });
});
