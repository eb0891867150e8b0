import type { Link } from '../model/link.js';
import type { ObjectType } from '../model/object-type.js';
import type { LinkStore } from '../ports/link-store.js';
import type { RunStore } from '../ports/run-store.js';

/**
 * A connection's sync status, in the shape PingOne shows for a provisioning connection:
 * overall state, how many objects are in sync, failed, failed to deprovision, the total, and
 * when the last sync ran.
 */
export interface ConnectionSyncStatus {
  readonly connectionId: string;
  readonly state: 'never-synced' | 'syncing' | 'in-sync' | 'failed' | 'awaiting-approval' | 'partial';
  readonly successCount: number;
  readonly failedCount: number;
  readonly failedDeprovisionCount: number;
  readonly pendingCount: number;
  readonly total: number;
  readonly lastSyncAt?: string;
  readonly lastRunId?: string;
  /** Why the last run stopped or failed. */
  readonly detail?: string;
}

export async function connectionSyncStatus(
  links: LinkStore,
  runs: RunStore,
  connectionId: string,
): Promise<ConnectionSyncStatus> {
  const byState = await links.countByState(connectionId);
  const [last] = await runs.list(connectionId, 1);
  const count = (...states: string[]) => states.reduce((sum, state) => sum + (byState[state] ?? 0), 0);
  const failedCount = count('failed');
  const failedDeprovisionCount = count('failed-deprovision');
  const state: ConnectionSyncStatus['state'] = !last
    ? 'never-synced'
    : last.status === 'running'
      ? 'syncing'
      : last.status === 'awaiting-approval'
        ? 'awaiting-approval'
        : last.status === 'failed'
          ? 'failed'
          : last.status === 'partial' || failedCount + failedDeprovisionCount > 0
            ? 'partial'
            : 'in-sync';
  return {
    connectionId,
    state,
    successCount: count('in-sync', 'disabled', 'deprovisioned'),
    failedCount,
    failedDeprovisionCount,
    pendingCount: count('pending'),
    total: Object.values(byState).reduce((a, b) => a + b, 0),
    ...(last ? { lastSyncAt: last.finishedAt ?? last.startedAt, lastRunId: last.id } : {}),
    ...(last?.reason ? { detail: last.reason } : {}),
  };
}

/** One object's sync status on one connection (PingOne's per-user provisioning status). */
export interface ObjectSyncStatus {
  readonly connectionId: string;
  readonly state: Link['state'] | 'not-provisioned';
  readonly remoteId?: string;
  readonly lastError?: string;
  readonly lastSuccessAt?: string;
  readonly attempts: number;
  readonly rules: readonly string[];
}

export async function objectSyncStatus(
  links: LinkStore,
  connectionIds: readonly string[],
  objectType: ObjectType,
  hubId: string,
): Promise<ObjectSyncStatus[]> {
  const statuses: ObjectSyncStatus[] = [];
  for (const connectionId of connectionIds) {
    const link = await links.get(connectionId, objectType, hubId);
    statuses.push(
      link
        ? {
            connectionId,
            state: link.state,
            ...(link.remoteId ? { remoteId: link.remoteId } : {}),
            ...(link.lastError ? { lastError: link.lastError } : {}),
            ...(link.lastSuccessAt ? { lastSuccessAt: link.lastSuccessAt } : {}),
            attempts: link.attempts,
            rules: link.ruleIds,
          }
        : { connectionId, state: 'not-provisioned', attempts: 0, rules: [] },
    );
  }
  return statuses;
}
