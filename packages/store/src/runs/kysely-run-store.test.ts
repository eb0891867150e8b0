import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunRecord, RunStore, StoredOperation } from '@idsync/core';
import { DIALECTS, testStores } from '../testing/store-test-targets.js';

function run(id: string, connectionId: string, startedAt: string, extra: Partial<RunRecord> = {}): RunRecord {
  return { id, connectionId, kind: 'full', status: 'running', startedAt, counts: {}, ...extra };
}

describe.each(DIALECTS)('run store on %s', (dialect) => {
  const stores = testStores(dialect);
  let runs: RunStore;

  beforeAll(async () => {
    runs = (await stores.open()).runs;
  });
  afterAll(() => stores.cleanup());

  it('creates, updates only the given fields, and reads back', async () => {
    await runs.create(run('run-1', 'ldap', '2026-01-01T00:00:00.000Z', { kind: 'incremental' }));
    await runs.update('run-1', {
      status: 'partial',
      finishedAt: '2026-01-01T00:05:00.000Z',
      counts: { create: 3, 'update.failed': 1 },
      reason: '1 update failed: see run operations',
    });
    expect(await runs.get('run-1')).toEqual({
      id: 'run-1',
      connectionId: 'ldap',
      kind: 'incremental',
      status: 'partial',
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:05:00.000Z',
      counts: { create: 3, 'update.failed': 1 },
      reason: '1 update failed: see run operations',
    });
    await runs.update('run-1', { reason: undefined });
    expect((await runs.get('run-1'))?.reason).toBeUndefined();
    expect((await runs.get('run-1'))?.status).toBe('partial');
    await expect(runs.update('no-such-run', { status: 'failed' })).rejects.toThrow('no-such-run');
    expect(await runs.get('no-such-run')).toBeUndefined();
  });

  it('lists newest first, per connection and limited', async () => {
    await runs.create(run('list-a', 'hr', '2026-02-01T00:00:00.000Z'));
    await runs.create(run('list-b', 'hr', '2026-02-03T00:00:00.000Z'));
    await runs.create(run('list-c', 'crm', '2026-02-02T00:00:00.000Z'));
    expect((await runs.list('hr')).map((r) => r.id)).toEqual(['list-b', 'list-a']);
    expect((await runs.list(undefined, 2)).map((r) => r.id)).toEqual(['list-b', 'list-c']);
  });

  it('stores a plan of many operations and pages it by sequence', async () => {
    await runs.create(
      run('plan-1', 'ldap', '2026-03-01T00:00:00.000Z', { kind: 'plan', status: 'awaiting-approval' }),
    );
    const operations: StoredOperation[] = Array.from({ length: 2100 }, (_, i) => ({
      runId: 'plan-1',
      sequence: i + 1,
      kind: i % 10 === 0 ? 'delete' : 'update',
      objectType: 'User',
      ...(i % 2 === 0 ? { hubId: `hub-${i}` } : {}),
      ...(i % 3 === 0 ? { remoteId: `remote-${i}` } : {}),
      detail: { rule: 'rule-a', changes: [{ attribute: 'title', from: null, to: `t${i}` }] },
    }));
    await runs.appendOperations(operations);
    const first = await runs.operations('plan-1', undefined, 1000);
    expect(first).toHaveLength(1000);
    expect(first[0]).toEqual(operations[0]);
    expect(first[1]).toEqual(operations[1]);
    const rest = await runs.operations('plan-1', 1000, 5000);
    expect(rest.map((o) => o.sequence)).toEqual(operations.slice(1000).map((o) => o.sequence));
    expect(rest.at(-1)).toEqual(operations.at(-1));
    expect(await runs.operations('plan-1', 2100)).toEqual([]);
  });

  it('records an approval, and a later one replaces it', async () => {
    await runs.create(run('approve-1', 'ldap', '2026-04-01T00:00:00.000Z', { status: 'awaiting-approval' }));
    expect(await runs.approval('approve-1')).toBeUndefined();
    await runs.approve({
      runId: 'approve-1',
      approvedBy: 'alice',
      approvedAt: '2026-04-01T01:00:00.000Z',
      comment: 'expected cleanup',
    });
    expect(await runs.approval('approve-1')).toEqual({
      runId: 'approve-1',
      approvedBy: 'alice',
      approvedAt: '2026-04-01T01:00:00.000Z',
      comment: 'expected cleanup',
    });
    await runs.approve({ runId: 'approve-1', approvedBy: 'bob', approvedAt: '2026-04-01T02:00:00.000Z' });
    expect(await runs.approval('approve-1')).toEqual({
      runId: 'approve-1',
      approvedBy: 'bob',
      approvedAt: '2026-04-01T02:00:00.000Z',
    });
  });

  it('refuses operations and approvals of runs that do not exist', async () => {
    await expect(
      runs.appendOperations([
        { runId: 'ghost', sequence: 1, kind: 'create', objectType: 'User', detail: {} },
      ]),
    ).rejects.toThrow();
    await expect(
      runs.approve({ runId: 'ghost', approvedBy: 'x', approvedAt: '2026-01-01T00:00:00.000Z' }),
    ).rejects.toThrow();
  });
});
