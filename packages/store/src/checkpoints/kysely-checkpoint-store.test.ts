import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CheckpointStore } from '@idsync/core';
import { DIALECTS, testStores } from '../testing/store-test-targets.js';

describe.each(DIALECTS)('checkpoint store on %s', (dialect) => {
  const stores = testStores(dialect);
  let checkpoints: CheckpointStore;

  beforeAll(async () => {
    checkpoints = (await stores.open()).checkpoints;
  });
  afterAll(() => stores.cleanup());

  it('keeps one checkpoint per connection and object type, replaced on put', async () => {
    expect(await checkpoints.get('ldap', 'User', 'inbound')).toBeUndefined();
    await checkpoints.put({
      connectionId: 'ldap',
      objectType: 'User',
      direction: 'inbound',
      token: 'csn=20260101',
      lastFullReconciliationAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:01.000Z',
    });
    await checkpoints.put({
      connectionId: 'ldap',
      objectType: 'Group',
      direction: 'inbound',
      token: 'g-1',
      updatedAt: '2026-01-01T00:00:02.000Z',
    });
    expect(await checkpoints.get('ldap', 'User', 'inbound')).toEqual({
      connectionId: 'ldap',
      objectType: 'User',
      direction: 'inbound',
      token: 'csn=20260101',
      lastFullReconciliationAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:01.000Z',
    });
    await checkpoints.put({
      connectionId: 'ldap',
      objectType: 'User',
      direction: 'inbound',
      token: 'csn=20260102',
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
    expect(await checkpoints.get('ldap', 'User', 'inbound')).toEqual({
      connectionId: 'ldap',
      objectType: 'User',
      direction: 'inbound',
      token: 'csn=20260102',
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
    expect((await checkpoints.get('ldap', 'Group', 'inbound'))?.token).toBe('g-1');
  });

  it('reads timestamps back as the same instants, in UTC', async () => {
    await checkpoints.put({
      connectionId: 'tz',
      objectType: 'User',
      direction: 'inbound',
      updatedAt: '2026-03-01T10:00:00+02:00',
    });
    expect((await checkpoints.get('tz', 'User', 'inbound'))?.updatedAt).toBe('2026-03-01T08:00:00.000Z');
  });

  it('keeps the two directions of one connection apart', async () => {
    await checkpoints.put({
      connectionId: 'two-way',
      objectType: 'User',
      direction: 'outbound',
      token: 'cursor-9',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    await checkpoints.put({
      connectionId: 'two-way',
      objectType: 'User',
      direction: 'inbound',
      token: 'csn-1',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect((await checkpoints.get('two-way', 'User', 'outbound'))?.token).toBe('cursor-9');
    expect((await checkpoints.get('two-way', 'User', 'inbound'))?.token).toBe('csn-1');
    await checkpoints.delete('two-way', 'User', 'inbound');
    expect((await checkpoints.get('two-way', 'User', 'outbound'))?.token).toBe('cursor-9');
  });

  it('deletes one checkpoint only', async () => {
    await checkpoints.put({
      connectionId: 'del',
      objectType: 'User',
      direction: 'inbound',
      token: 'a',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    await checkpoints.put({
      connectionId: 'del',
      objectType: 'Group',
      direction: 'inbound',
      token: 'b',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    await checkpoints.delete('del', 'User', 'inbound');
    expect(await checkpoints.get('del', 'User', 'inbound')).toBeUndefined();
    expect((await checkpoints.get('del', 'Group', 'inbound'))?.token).toBe('b');
  });
});
