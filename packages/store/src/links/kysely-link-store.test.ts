import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Link, LinkStore } from '@idsync/core';
import { ScimError } from '@idsync/scim';
import { DIALECTS, testStores } from '../testing/store-test-targets.js';

function link(hubId: string, extra: Partial<Link> = {}): Link {
  return {
    connectionId: 'ldap',
    objectType: 'User',
    hubId,
    remoteId: `uid=${hubId},ou=people`,
    ruleIds: ['rule-a'],
    state: 'in-sync',
    attempts: 0,
    updatedAt: '2026-01-02T03:04:05.678Z',
    ...extra,
  };
}

async function collect<T>(pages: AsyncIterable<readonly T[]>): Promise<T[][]> {
  const result: T[][] = [];
  for await (const page of pages) result.push([...page]);
  return result;
}

describe.each(DIALECTS)('link store on %s', (dialect) => {
  const stores = testStores(dialect);
  let links: LinkStore;

  beforeAll(async () => {
    links = (await stores.open()).links;
  });
  afterAll(() => stores.cleanup());

  it('round-trips a link with every field, and finds it by remote id', async () => {
    const full = link('h-full', {
      lastAppliedHash: 'sha256:abc',
      intent: { operation: 'update', runId: 'run-1', at: '2026-01-02T03:04:05.000Z' },
      lastError: 'timeout',
      lastSuccessAt: '2026-01-01T00:00:00.000Z',
      attempts: 2,
      ruleIds: ['rule-a', 'rule-b'],
      state: 'failed',
    });
    await links.put(full);
    expect(await links.get('ldap', 'User', 'h-full')).toEqual(full);
    expect(await links.getByRemoteId('ldap', 'User', 'uid=h-full,ou=people')).toEqual(full);
    expect(await links.getByRemoteId('ldap', 'Group', 'uid=h-full,ou=people')).toBeUndefined();
    expect(await links.get('other', 'User', 'h-full')).toBeUndefined();
  });

  it('reads the links of many hub objects at once, keyed by hub id, leaving out those without one', async () => {
    const first = link('many-1', { connectionId: 'many', lastAppliedHash: 'sha256:one' });
    const { remoteId: _pending, ...second } = link('many-2', { connectionId: 'many', state: 'pending' });
    await links.putMany([
      first,
      second,
      link('many-3', { connectionId: 'many' }),
      // Same hub id on another connection and another type: neither belongs in the answer.
      link('many-1', { connectionId: 'elsewhere' }),
      link('many-2', { connectionId: 'many', objectType: 'Group', remoteId: 'cn=many-2' }),
    ]);
    const found = await links.getMany('many', 'User', ['many-2', 'many-absent', 'many-1', 'many-1']);
    expect([...found.keys()].sort()).toEqual(['many-1', 'many-2']);
    expect(found.get('many-1')).toEqual(first);
    expect(found.get('many-2')).toEqual(second);
    expect((await links.getMany('many', 'User', [])).size).toBe(0);
  });

  it('reads more links at once than one statement takes', async () => {
    const batch = Array.from({ length: 1204 }, (_, i) => link(`wide-${i}`, { connectionId: 'wide' }));
    await links.putMany(batch);
    const asked = [...batch.map((l) => l.hubId), 'wide-absent'];
    const found = await links.getMany('wide', 'User', asked);
    expect(found.size).toBe(1204);
    expect(found.get('wide-1203')).toEqual(batch[1203]);
  });

  it('replaces on put: fields left out are cleared', async () => {
    await links.put(
      link('h-replace', {
        lastError: 'boom',
        intent: { operation: 'create', runId: 'r', at: '2026-01-01T00:00:00.000Z' },
      }),
    );
    const confirmed = link('h-replace', { state: 'in-sync', attempts: 0 });
    await links.put(confirmed);
    expect(await links.get('ldap', 'User', 'h-replace')).toEqual(confirmed);
  });

  it('keeps a pending link without a remote id, and several of them', async () => {
    const { remoteId: _unused, ...pending } = link('h-pending-1', { state: 'pending' });
    await links.putMany([pending, { ...pending, hubId: 'h-pending-2' }]);
    expect(await links.get('ldap', 'User', 'h-pending-1')).toEqual(pending);
    expect((await links.get('ldap', 'User', 'h-pending-2'))?.remoteId).toBeUndefined();
  });

  it('refuses to link one remote object to two hub objects', async () => {
    await links.put(link('h-owner', { remoteId: 'shared' }));
    const error = await links.put(link('h-intruder', { remoteId: 'shared' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScimError);
    expect((error as ScimError).status).toBe(409);
    expect(await links.get('ldap', 'User', 'h-intruder')).toBeUndefined();
  });

  it('writes a large batch at once, the last link per key winning, and pages it back in hub id order', async () => {
    const batch = Array.from({ length: 2300 }, (_, i) =>
      link(`bulk-${String(i).padStart(5, '0')}`, { connectionId: 'bulk' }),
    );
    batch.push(link('bulk-00007', { connectionId: 'bulk', state: 'failed', lastError: 'second write wins' }));
    await links.putMany(batch);
    const pages = await collect(links.scan('bulk', 'User', 1000));
    expect(pages.map((page) => page.length)).toEqual([1000, 1000, 300]);
    const hubIds = pages.flat().map((l) => l.hubId);
    expect(hubIds).toEqual([...new Set(hubIds)].sort());
    expect((await links.get('bulk', 'User', 'bulk-00007'))?.lastError).toBe('second write wins');
    expect(await links.countByState('bulk')).toEqual({ 'in-sync': 2299, failed: 1 });
  });

  it('rolls back a whole large batch when one link conflicts', async () => {
    await links.put(link('atomic-owner', { connectionId: 'atomic', remoteId: 'taken' }));
    const batch = Array.from({ length: 1500 }, (_, i) => link(`atomic-${i}`, { connectionId: 'atomic' }));
    batch.push(link('atomic-late', { connectionId: 'atomic', remoteId: 'taken' }));
    await expect(links.putMany(batch)).rejects.toBeInstanceOf(ScimError);
    expect(await links.countByState('atomic')).toEqual({ 'in-sync': 1 });
  });

  it('finds links by rule across connections, paged', async () => {
    await links.putMany([
      link('r-1', { connectionId: 'c1', ruleIds: ['rule-x'] }),
      link('r-2', { connectionId: 'c2', ruleIds: ['rule-y', 'rule-x'] }),
      link('r-3', { connectionId: 'c2', objectType: 'Group', ruleIds: ['rule-x'] }),
      link('r-4', { connectionId: 'c2', ruleIds: ['rule-y'] }),
    ]);
    const pages = await collect(links.scanByRule('rule-x', 2));
    expect(pages.map((page) => page.map((l) => `${l.connectionId}/${l.objectType}/${l.hubId}`))).toEqual([
      ['c1/User/r-1', 'c2/Group/r-3'],
      ['c2/User/r-2'],
    ]);
    expect(await collect(links.scanByRule('rule-none'))).toEqual([]);
  });

  it('scans the links of one connection and type in one state, paged in hub id order', async () => {
    const group = (hubId: string, state: Link['state'], connectionId = 'by-state') =>
      link(hubId, { connectionId, objectType: 'Group', remoteId: `cn=${hubId}-${connectionId}`, state });
    await links.putMany([
      group('g-3', 'pending'),
      group('g-1', 'pending'),
      group('g-2', 'in-sync'),
      group('g-4', 'pending'),
      group('g-5', 'failed'),
      group('g-1', 'pending', 'other-connection'),
      link('g-6', { connectionId: 'by-state', state: 'pending', remoteId: 'uid=g-6-user' }),
    ]);
    const pages = await collect(links.scanByState('by-state', 'Group', 'pending', 2));
    expect(pages.map((page) => page.map((l) => l.hubId))).toEqual([['g-1', 'g-3'], ['g-4']]);
    expect(pages[0]![0]).toEqual(group('g-1', 'pending'));
    expect(await collect(links.scanByState('by-state', 'Group', 'deprovisioned'))).toEqual([]);
  });

  it('releases a link and leaves the others', async () => {
    await links.putMany([link('rel-1', { connectionId: 'rel' }), link('rel-2', { connectionId: 'rel' })]);
    await links.release('rel', 'User', 'rel-1');
    expect(await links.get('rel', 'User', 'rel-1')).toBeUndefined();
    expect(await links.get('rel', 'User', 'rel-2')).toBeDefined();
  });

  it('records, lists and forgets the memberships idsync created', async () => {
    await links.recordMemberships('scim', 'group-1', ['m-2', 'm-1', 'm-2']);
    await links.recordMemberships('scim', 'group-1', ['m-3']);
    await links.recordMemberships('scim', 'group-2', ['m-1']);
    await links.recordMemberships('other', 'group-1', ['m-9']);
    expect(await links.createdMemberships('scim', 'group-1')).toEqual(['m-1', 'm-2', 'm-3']);
    await links.forgetMemberships('scim', 'group-1', ['m-2', 'm-absent']);
    expect(await links.createdMemberships('scim', 'group-1')).toEqual(['m-1', 'm-3']);
    expect(await links.createdMemberships('scim', 'group-2')).toEqual(['m-1']);
    expect(await links.createdMemberships('other', 'group-1')).toEqual(['m-9']);
  });
});
