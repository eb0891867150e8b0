import type { Approval, RunRecord, StoredOperation } from '@idsync/core';
import type { Selectable } from 'kysely';
import type { ApprovalsTable, RunOperationsTable, RunsTable } from '../database/database-schema.js';
import { toIso } from '../database/timestamps.js';

export function toRunRecord(row: Selectable<RunsTable>): RunRecord {
  return {
    id: row.id,
    connectionId: row.connection_id,
    kind: row.kind as RunRecord['kind'],
    status: row.status as RunRecord['status'],
    startedAt: toIso(row.started_at),
    ...(row.finished_at !== null ? { finishedAt: toIso(row.finished_at) } : {}),
    counts: row.counts,
    ...(row.reason !== null ? { reason: row.reason } : {}),
  };
}

export function toStoredOperation(row: Selectable<RunOperationsTable>): StoredOperation {
  return {
    runId: row.run_id,
    sequence: row.sequence,
    kind: row.kind,
    objectType: row.object_type,
    ...(row.hub_id !== null ? { hubId: row.hub_id } : {}),
    ...(row.remote_id !== null ? { remoteId: row.remote_id } : {}),
    detail: row.detail,
  };
}

export function toApproval(row: Selectable<ApprovalsTable>): Approval {
  return {
    runId: row.run_id,
    approvedBy: row.approved_by,
    approvedAt: toIso(row.approved_at),
    ...(row.comment !== null ? { comment: row.comment } : {}),
  };
}
