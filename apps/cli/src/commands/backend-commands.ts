import type { Backend } from '../backend/backend.js';
import { CliError } from '../backend/backend.js';
import type { CliIo } from '../cli-io.js';
import type { CliArgs } from '../parse-cli-args.js';
import { formatExplanation } from '../output/format-explain.js';
import { formatPlan, planDeprovisions } from '../output/format-plan.js';
import { formatSyncSummary, formatRunLine } from '../output/format-run-summary.js';
import { formatStatus } from '../output/format-status.js';
import { createProgress } from '../output/progress.js';
import { formatTable } from '../output/format-table.js';

/** Exit code of `idsync plan` when the plan would disable or delete objects (pipelines stop on it). */
export const PLAN_DEPROVISIONS_EXIT = 3;

const print = (io: CliIo, text: string) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

async function chosenConnections(backend: Backend, names: readonly string[]) {
  const all = await backend.connections();
  for (const name of names) {
    if (!all.some((c) => c.name === name))
      throw new CliError(
        `There is no connection named "${name}". Known: ${all.map((c) => c.name).join(', ') || '(none)'}.`,
        1,
      );
  }
  return names.length ? all.filter((c) => names.includes(c.name)) : all;
}

export async function planCommand(io: CliIo, backend: Backend, args: CliArgs): Promise<number> {
  const runs = [];
  for (const connection of await chosenConnections(backend, args.positionals))
    runs.push(...(await backend.plan(connection.name)));
  print(
    io,
    args.json ? JSON.stringify({ runs, deprovisions: planDeprovisions(runs) }, null, 2) : formatPlan(runs),
  );
  return planDeprovisions(runs) > 0 ? PLAN_DEPROVISIONS_EXIT : 0;
}

export async function syncCommand(io: CliIo, backend: Backend, args: CliArgs): Promise<number> {
  const steps = (await chosenConnections(backend, args.positionals)).flatMap((connection) =>
    connection.directions
      .filter((d) => !args.directions || args.directions.includes(d))
      .map((direction) => ({ connection: connection.name, direction })),
  );
  const progress = args.json ? undefined : createProgress(io.stdout, steps.length);
  const results = [];
  for (const step of steps) {
    progress?.begin(`${step.connection} ${step.direction}`);
    const runs = await backend.sync(step.connection, args.mode, [step.direction]);
    results.push(...runs);
    progress?.finished(runs);
  }
  progress?.end();
  print(io, args.json ? JSON.stringify({ runs: results }, null, 2) : `\n${formatSyncSummary(results)}`);
  const bad = results.some((run) => run.summary.status === 'failed' || run.summary.status === 'partial');
  const waiting = results.some((run) => run.summary.status === 'awaiting-approval');
  return bad ? 1 : waiting ? PLAN_DEPROVISIONS_EXIT : 0;
}

export async function statusCommand(io: CliIo, backend: Backend, args: CliArgs): Promise<number> {
  const statuses = await backend.status();
  print(io, args.json ? JSON.stringify(statuses, null, 2) : formatStatus(statuses));
  return 0;
}

export async function explainCommand(io: CliIo, backend: Backend, args: CliArgs): Promise<number> {
  const ref = args.positionals[0]!;
  const result = await backend.explain(args.group ? 'Group' : 'User', ref, args.connection);
  print(io, args.json ? JSON.stringify(result, null, 2) : formatExplanation(ref, result));
  return 0;
}

export async function approveCommand(io: CliIo, backend: Backend, args: CliArgs): Promise<number> {
  const runId = args.positionals[0]!;
  const runs = await backend.approve(runId, args.comment);
  print(
    io,
    args.json
      ? JSON.stringify({ approved: runId, runs }, null, 2)
      : [`Approved ${runId}; carried out:`, ...runs.map(formatRunLine)].join('\n'),
  );
  return runs.some((run) => run.summary.status === 'failed') ? 1 : 0;
}

export async function connectorTestCommand(io: CliIo, backend: Backend, args: CliArgs): Promise<number> {
  const result = await backend.testConnection(args.positionals[0]!);
  if (args.json) print(io, JSON.stringify(result, null, 2));
  else {
    const rows = result.checks.map((check) => [check.ok ? '✓' : '✗', check.name, check.detail]);
    print(
      io,
      `${formatTable(['', 'CHECK', 'DETAIL'], rows)}\n${result.ok ? 'The connection works.' : 'The connection does not work; see the failed checks.'}`,
    );
  }
  return result.ok ? 0 : 1;
}
