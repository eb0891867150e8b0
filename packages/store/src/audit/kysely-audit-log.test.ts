import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AuditEntry, AuditLog } from '@idsync/core';
import { DIALECTS, testStores } from '../testing/store-test-targets.js';

describe.each(DIALECTS)('audit log on %s', (dialect) => {
  const stores = testStores(dialect);
  let audit: AuditLog;

  beforeAll(async () => {
    audit = (await stores.open()).audit;
  });
  afterAll(() => stores.cleanup());

  it('returns entries newest first, filtered by object or connection, limited', async () => {
    const entries: AuditEntry[] = [
      {
        at: '2026-01-01T00:00:01.000Z',
        actor: 'engine',
        action: 'user.create',
        connectionId: 'ldap',
        runId: 'r1',
        objectType: 'User',
        objectId: 'u1',
        detail: { rule: 'a' },
      },
      {
        at: '2026-01-01T00:00:03.000Z',
        actor: 'engine',
        action: 'user.update',
        connectionId: 'ldap',
        objectType: 'User',
        objectId: 'u1',
      },
      {
        at: '2026-01-01T00:00:02.000Z',
        actor: 'scim-client-7',
        action: 'user.update',
        connectionId: 'scim',
        objectType: 'User',
        objectId: 'u2',
      },
      { at: '2026-01-01T00:00:04.000Z', actor: 'admin', action: 'run.approve' },
    ];
    await audit.append(entries);
    expect(await audit.query({ limit: 10 })).toEqual([entries[3], entries[1], entries[2], entries[0]]);
    expect(await audit.query({ objectId: 'u1', limit: 10 })).toEqual([entries[1], entries[0]]);
    expect(await audit.query({ connectionId: 'ldap', limit: 1 })).toEqual([entries[1]]);
    expect(await audit.query({ connectionId: 'scim', objectId: 'u1', limit: 10 })).toEqual([]);
  });

  it('appends a large batch in one go and keeps insertion order for equal times', async () => {
    const batch: AuditEntry[] = Array.from({ length: 1200 }, (_, i) => ({
      at: '2026-02-01T00:00:00.000Z',
      actor: 'engine',
      action: 'link.put',
      connectionId: 'bulk',
      detail: { index: i },
    }));
    await audit.append(batch);
    const newest = await audit.query({ connectionId: 'bulk', limit: 3 });
    expect(newest.map((e) => (e.detail as { index: number }).index)).toEqual([1199, 1198, 1197]);
    expect((await audit.query({ connectionId: 'bulk', limit: 5000 })).length).toBe(1200);
  });
});
