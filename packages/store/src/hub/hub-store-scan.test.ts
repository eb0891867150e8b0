import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { HubStore } from '@idsync/core';
import { USER_SCHEMA } from '@idsync/scim';
import { DIALECTS, testStores } from '../testing/store-test-targets.js';

const TOTAL = 2500;

describe.each(DIALECTS)('hub scan on %s', (dialect) => {
  const stores = testStores(dialect);
  let hub: HubStore;
  let bulk: string;
  let other: string;
  const createdIds = new Set<string>();

  beforeAll(async () => {
    hub = (await stores.open()).hub;
    bulk = (await hub.putPopulation({ id: 'bulk', name: 'Bulk', isDefault: false })).id;
    other = (await hub.putPopulation({ id: 'other', name: 'Other', isDefault: false })).id;
    for (let batch = 0; batch < TOTAL; batch += 500) {
      await hub.transaction(async (tx) => {
        for (let i = batch; i < batch + 500; i++) {
          createdIds.add(
            (await tx.create('User', bulk, { schemas: [USER_SCHEMA], userName: `bulk-${i}` })).id,
          );
        }
      });
    }
    await hub.create('User', other, { schemas: [USER_SCHEMA], userName: 'elsewhere' });
  }, 120_000);
  afterAll(() => stores.cleanup());

  it(`returns each of ${TOTAL} objects exactly once, in id order, in pages of the size asked`, async () => {
    const seen: string[] = [];
    let pages = 0;
    for await (const page of hub.scan('User', { populationIds: [bulk], pageSize: 300 })) {
      expect(page.length).toBeGreaterThan(0);
      expect(page.length).toBeLessThanOrEqual(300);
      seen.push(...page.map((object) => object.id));
      pages++;
    }
    expect(seen).toHaveLength(TOTAL);
    expect(new Set(seen)).toEqual(createdIds);
    expect(seen).toEqual([...seen].sort());
    expect(pages).toBe(Math.ceil(TOTAL / 300));
  });

  it('scans every population when none is named, and none when the list is empty', async () => {
    let count = 0;
    for await (const page of hub.scan('User', { pageSize: 1000 })) count += page.length;
    expect(count).toBe(TOTAL + 1);
    expect(await hub.count('User')).toBe(TOTAL + 1);
    expect(await hub.count('User', [other])).toBe(1);
    expect(await hub.count('Group')).toBe(0);
    const empty: unknown[] = [];
    for await (const page of hub.scan('User', { populationIds: [] })) empty.push(page);
    expect(empty).toEqual([]);
  });

  it('pages a search through SQL with the true total', async () => {
    const result = await hub.search('User', {
      filter: { kind: 'comparison', path: { attribute: 'userName' }, operator: 'sw', value: 'BULK-1' },
      sortBy: 'userName',
      sortOrder: 'descending',
      startIndex: 3,
      count: 4,
    });
    // bulk-1, bulk-10..19, bulk-100..199, bulk-1000..1999
    expect(result.totalResults).toBe(1 + 10 + 100 + 1000);
    expect(result.objects.map((o) => o.resource.userName)).toEqual([
      'bulk-1997',
      'bulk-1996',
      'bulk-1995',
      'bulk-1994',
    ]);
  });
});
