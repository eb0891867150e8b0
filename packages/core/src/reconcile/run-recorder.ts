import { randomUUID } from 'node:crypto';
import type { RunRecord, RunStore } from '../ports/run-store.js';
import type { GuardDecision } from './deletion-guard.js';

export interface RunSummary {
  readonly runId: string;
  readonly mode: 'full' | 'incremental' | 'rule-deletion';
  readonly status: RunRecord['status'];
  readonly counts: Readonly<Record<string, number>>;
  readonly guard: GuardDecision;
  readonly reason?: string;
}

/** One run being recorded: its id, and how to finish it. */
export interface RunHandle {
  readonly id: string;
  finish(
    status: RunRecord['status'],
    counts: Record<string, number>,
    guard: GuardDecision,
    reason?: string,
  ): Promise<RunSummary>;
}

/** Records a run as it starts, so a crash leaves a "running" run behind that says when it began. */
export async function startRun(
  runs: RunStore,
  connectionId: string,
  kind: RunRecord['kind'],
  mode: RunSummary['mode'],
  now: () => string,
): Promise<RunHandle> {
  const id = randomUUID();
  await runs.create({ id, connectionId, kind, status: 'running', startedAt: now(), counts: {} });
  return {
    id,
    finish: async (status, counts, guard, reason) => {
      await runs.update(id, { status, counts, finishedAt: now(), ...(reason ? { reason } : {}) });
      return { runId: id, mode, status, counts, guard, ...(reason ? { reason } : {}) };
    },
  };
}
