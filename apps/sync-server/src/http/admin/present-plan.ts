import type { StoredOperation } from '@idsync/core';
import type { RunResult, SyncEngine } from '../../engine/sync-engine.js';

/** One planned operation as the API and CLI show it: what, on which object, and why. */
export interface PlanEntry {
  readonly sequence: number;
  readonly kind: string;
  readonly objectType: string;
  readonly hubId?: string;
  readonly remoteId?: string;
  /** userName or displayName, when the operation carries the resource or its reason names it. */
  readonly label?: string;
  readonly reason?: string;
  readonly rules?: readonly string[];
  readonly changes?: readonly { path: string; from: unknown; to: unknown }[];
}

export interface PlanRun extends RunResult {
  readonly operations: readonly PlanEntry[];
  /** Operations beyond the listed ones (the limit). */
  readonly more: number;
}

interface Detail {
  readonly resource?: { userName?: string; displayName?: string };
  readonly reason?: {
    summary?: string;
    ruleIds?: string[];
    changes?: { path: string; from: unknown; to: unknown }[];
  };
}

export function toPlanEntry(operation: StoredOperation): PlanEntry {
  const detail = (operation.detail ?? {}) as Detail;
  const label = detail.resource?.userName ?? detail.resource?.displayName;
  return {
    sequence: operation.sequence,
    kind: operation.kind,
    objectType: operation.objectType,
    ...(operation.hubId ? { hubId: operation.hubId } : {}),
    ...(operation.remoteId ? { remoteId: operation.remoteId } : {}),
    ...(label ? { label } : {}),
    ...(detail.reason?.summary ? { reason: detail.reason.summary } : {}),
    ...(detail.reason?.ruleIds ? { rules: detail.reason.ruleIds } : {}),
    ...(detail.reason?.changes?.length ? { changes: detail.reason.changes } : {}),
  };
}

/** Runs with their stored operations (up to `limit` each), for `plan` and rule deletion previews. */
export async function presentPlan(
  engine: SyncEngine,
  runs: readonly RunResult[],
  limit: number,
): Promise<{ runs: PlanRun[] }> {
  const result: PlanRun[] = [];
  for (const run of runs) {
    const operations: PlanEntry[] = [];
    for (const stored of await engine.operations(run.summary.runId, 0, limit)) {
      const entry = toPlanEntry(stored);
      const label =
        entry.label ?? (entry.hubId ? await engine.hubLabel(entry.objectType, entry.hubId) : undefined);
      operations.push(label ? { ...entry, label } : entry);
    }
    const total = Object.entries(run.summary.counts)
      .filter(([key]) => key.startsWith('planned.'))
      .reduce((sum, [, count]) => sum + count, 0);
    result.push({ ...run, operations, more: Math.max(0, total - operations.length) });
  }
  return { runs: result };
}
