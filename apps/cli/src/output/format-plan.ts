import type { PlanRun } from '@idsync/sync-server';
import { formatTable } from './format-table.js';

const REMOVALS = new Set(['disable', 'delete']);

/** Whether any run of the plan would disable or delete something: `idsync plan` exits non-zero then. */
export function planDeprovisions(runs: readonly PlanRun[]): number {
  return runs.reduce(
    (sum, run) =>
      sum +
      Object.entries(run.summary.counts)
        .filter(([key]) => REMOVALS.has(key.replace(/^planned\./, '')) && key.startsWith('planned.'))
        .reduce((n, [, count]) => n + count, 0),
    0,
  );
}

const describeValue = (value: unknown): string =>
  value === undefined || value === null ? '∅' : typeof value === 'string' ? value : JSON.stringify(value);

/** A readable plan: one table of operations per run, with what changes and why; the guard's verdict. */
export function formatPlan(runs: readonly PlanRun[]): string {
  const blocks: string[] = [];
  for (const run of runs) {
    const { summary } = run;
    const title = `${run.connection} · ${run.direction} · ${run.objectType}`;
    const real = run.operations.filter((op) => op.kind !== 'skip');
    const lines: string[] = [];
    if (!real.length) {
      lines.push(`${title}: nothing to do.`);
    } else {
      const rows = real.map((op) => [
        op.kind === 'disable' || op.kind === 'delete' ? op.kind.toUpperCase() : op.kind,
        op.label ?? op.hubId ?? '',
        [
          op.reason ?? '',
          ...(op.changes ?? []).map((c) => `${c.path}: ${describeValue(c.from)} → ${describeValue(c.to)}`),
        ]
          .filter(Boolean)
          .join('; '),
      ]);
      lines.push(
        `${title}: ${real.length} operation(s)${run.more ? ` (and ${run.more} more not listed)` : ''}`,
      );
      lines.push(formatTable(['OPERATION', 'OBJECT', 'WHY'], rows), '');
    }
    if (summary.guard.verdict !== 'proceed') {
      const what =
        summary.guard.verdict === 'await-approval'
          ? 'A run would wait for approval'
          : 'Removals would be withheld';
      lines.push(`  ⚠ ${what}: ${summary.guard.reason}`);
    }
    blocks.push(lines.join('\n'));
  }
  const removals = planDeprovisions(runs);
  blocks.push(
    removals
      ? `\n${removals} object(s) would be disabled or deleted.`
      : '\nNothing would be disabled or deleted.',
  );
  return blocks.join('\n').replace(/\n{3,}/g, '\n\n');
}
