import { describe, expect, it } from '@jest/globals';
import type { ConnectionStatus, PlanRun, RunResult } from '@idsync/sync-server';
import { formatPlan, planDeprovisions } from './format-plan.js';
import { formatSyncSummary, formatRunLine } from './format-run-summary.js';
import { formatStatus } from './format-status.js';
import { formatTable } from './format-table.js';
import { createProgress, progressBar } from './progress.js';

const run = (
  objectType: 'User' | 'Group',
  counts: Record<string, number>,
  status = 'succeeded',
  guard: RunResult['summary']['guard'] = { verdict: 'proceed' },
): RunResult => ({
  connection: 'crm',
  direction: 'outbound',
  objectType,
  summary: {
    runId: `run-${objectType}`,
    mode: 'full',
    status: status as RunResult['summary']['status'],
    counts,
    guard,
  },
});

describe('formatTable', () => {
  it('pads columns to the widest cell and right-aligns numeric ones', () => {
    expect(
      formatTable(
        ['NAME', 'N'],
        [
          ['ada', '3'],
          ['émilie', '12'],
        ],
        new Set([1]),
      ),
    ).toBe('NAME     N\nada      3\némilie  12');
  });
});

describe('formatPlan', () => {
  const plan: PlanRun[] = [
    {
      ...run('User', { 'planned.create': 1, 'planned.disable': 2 }, 'succeeded', {
        verdict: 'await-approval',
        reason: 'Removes 2 of 3 linked objects.',
      }),
      operations: [
        {
          sequence: 1,
          kind: 'create',
          objectType: 'User',
          label: 'ada@example.com',
          reason: 'In scope of rule users',
        },
        {
          sequence: 2,
          kind: 'update',
          objectType: 'User',
          label: 'alan@example.com',
          reason: 'Attributes differ',
          changes: [{ path: 'title', from: 'Engineer', to: null }],
        },
        {
          sequence: 3,
          kind: 'disable',
          objectType: 'User',
          label: 'grace@example.com',
          reason: 'Out of scope of every rule',
        },
        { sequence: 4, kind: 'skip', objectType: 'User', label: 'same@example.com' },
      ],
      more: 0,
    },
  ];

  it('lists each operation with its object and why, removals in capitals, the guard verdict and the total', () => {
    const text = formatPlan(plan);
    expect(text).toContain('crm · outbound · User: 3 operation(s)');
    expect(text).toMatch(/create\s+ada@example\.com\s+In scope of rule users/);
    expect(text).toMatch(/update\s+alan@example\.com\s+Attributes differ; title: Engineer → ∅/);
    expect(text).toMatch(/DISABLE\s+grace@example\.com/);
    expect(text).not.toContain('same@example.com');
    expect(text).toContain('A run would wait for approval: Removes 2 of 3 linked objects.');
    expect(text).toContain('2 object(s) would be disabled or deleted.');
  });

  it('counts the deprovisions a plan holds (the exit code of `idsync plan`)', () => {
    expect(planDeprovisions(plan)).toBe(2);
    expect(
      planDeprovisions([
        { ...run('User', { 'planned.create': 4, 'delete.succeeded': 1 }), operations: [], more: 0 },
      ]),
    ).toBe(0);
  });
});

describe('run summaries', () => {
  it('say what was done, leaving out plans and zeros', () => {
    expect(
      formatRunLine(
        run('User', { 'source.objects': 5, 'planned.create': 2, 'create.succeeded': 2, 'update.failed': 0 }),
      ),
    ).toBe('crm outbound User (full): succeeded, create.succeeded 2');
    expect(formatRunLine(run('Group', { 'source.objects': 5 }))).toBe(
      'crm outbound Group (full): succeeded, nothing to change',
    );
  });

  it('end `idsync sync` with a table and what needs attention', () => {
    const text = formatSyncSummary([
      run('User', { 'create.succeeded': 1 }),
      run('Group', { 'planned.delete': 9 }, 'awaiting-approval', {
        verdict: 'await-approval',
        reason: 'Too many.',
      }),
    ]);
    expect(text.split('\n')[0]).toMatch(/^CONNECTION\s+DIRECTION\s+TYPE\s+MODE\s+STATUS\s+DONE$/);
    expect(text).toContain('Run run-Group waits for approval');
    expect(text).toContain('idsync approve run-Group');
  });
});

describe('formatStatus', () => {
  it('shows one line per connection and why a connection is not in sync', () => {
    const statuses: ConnectionStatus[] = [
      {
        connectionId: 'crm',
        state: 'in-sync',
        successCount: 10,
        failedCount: 0,
        failedDeprovisionCount: 0,
        pendingCount: 0,
        total: 10,
        lastSyncAt: '2026-01-02T03:04:05.000Z',
        health: 'healthy',
      },
      {
        connectionId: 'hr',
        state: 'failed',
        successCount: 0,
        failedCount: 2,
        failedDeprovisionCount: 1,
        pendingCount: 0,
        total: 3,
        detail: 'Reading the source failed.',
        health: 'quarantined',
        quarantineReason: '5 failures in a row',
      },
    ];
    const text = formatStatus(statuses);
    expect(text).toMatch(/crm\s+in-sync\s+healthy\s+10\s+0\s+0\s+10\s+2026-01-02 03:04:05/);
    expect(text).toMatch(/hr\s+failed\s+quarantined\s+0\s+3\s+0\s+3\s+never/);
    expect(text).toContain('hr: Reading the source failed.');
    expect(text).toContain('hr is quarantined: 5 failures in a row');
  });
});

describe('progress', () => {
  it('draws a bar of the share done', () => {
    expect(progressBar(1, 4, 8)).toBe('[██░░░░░░] 1/4');
    expect(progressBar(0, 0, 4)).toBe('[████] 0/0');
  });

  it('redraws one line on a terminal, and writes plain lines otherwise', () => {
    const tty: string[] = [];
    const onTerminal = createProgress({ write: (t: string) => tty.push(t), isTTY: true, columns: 80 }, 2);
    onTerminal.begin('crm outbound');
    onTerminal.finished([run('User', { 'create.succeeded': 1 })]);
    onTerminal.end();
    expect(tty.every((chunk) => chunk.startsWith('\r\x1b[2K') || chunk === '\n')).toBe(true);
    expect(tty[1]).toContain('1/2');

    const piped: string[] = [];
    const inPipe = createProgress({ write: (t: string) => piped.push(t) }, 2);
    inPipe.begin('crm outbound');
    inPipe.finished([run('User', { 'create.succeeded': 1 })]);
    inPipe.end();
    expect(piped).toEqual(['crm outbound User (full): succeeded, create.succeeded 1\n']);
  });
});
