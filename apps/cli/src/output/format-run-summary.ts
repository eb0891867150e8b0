import type { RunResult } from '@idsync/sync-server';
import { formatTable } from './format-table.js';

/** What a run did, in words: the non-zero outcome counts, planned counts left out. */
export function describeCounts(counts: Readonly<Record<string, number>>): string {
  const done = Object.entries(counts)
    .filter(
      ([key, value]) =>
        value > 0 && !key.startsWith('planned.') && key !== 'source.objects' && !key.startsWith('skip.'),
    )
    .map(([key, value]) => `${key} ${value}`);
  return done.length ? done.join(', ') : 'nothing to change';
}

/** One line per run, for output that is not a terminal. */
export function formatRunLine(run: RunResult): string {
  const reason = run.summary.reason ? ` — ${run.summary.reason}` : '';
  return `${run.connection} ${run.direction} ${run.objectType} (${run.summary.mode}): ${run.summary.status}, ${describeCounts(run.summary.counts)}${reason}`;
}

/** The summary table at the end of `idsync sync`. */
export function formatSyncSummary(runs: readonly RunResult[]): string {
  if (!runs.length) return 'No runs: no connection has enabled rules.';
  const rows = runs.map((run) => [
    run.connection,
    run.direction,
    run.objectType,
    run.summary.mode,
    run.summary.status,
    describeCounts(run.summary.counts),
  ]);
  const failed = runs.filter(
    (run) => run.summary.status === 'failed' || run.summary.status === 'partial',
  ).length;
  const waiting = runs.filter((run) => run.summary.status === 'awaiting-approval');
  const notes = [
    failed ? `${failed} run(s) failed or were partial; \`idsync status\` shows which objects.` : '',
    ...waiting.map(
      (run) =>
        `Run ${run.summary.runId} waits for approval: ${run.summary.reason ?? ''} Approve with \`idsync approve ${run.summary.runId}\`.`,
    ),
  ].filter(Boolean);
  return [formatTable(['CONNECTION', 'DIRECTION', 'TYPE', 'MODE', 'STATUS', 'DONE'], rows), ...notes].join(
    '\n',
  );
}
