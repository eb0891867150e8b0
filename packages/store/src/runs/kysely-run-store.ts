import type { Approval, RunRecord, RunStore, StoredOperation } from '@idsync/core';
import type { Kysely, Updateable } from 'kysely';
import type { RunsTable, StoreDatabase } from '../database/database-schema.js';
import { writeInChunks } from '../database/write-in-chunks.js';
import { toApproval, toRunRecord, toStoredOperation } from './run-row.js';

const DEFAULT_LIST_LIMIT = 50;
const DEFAULT_OPERATIONS_LIMIT = 1000;

/** Runs, their planned operations and approvals (see the RunStore port). */
export class KyselyRunStore implements RunStore {
  constructor(private readonly db: Kysely<StoreDatabase>) {}

  async create(run: RunRecord): Promise<void> {
    await this.db
      .insertInto('runs')
      .values({
        id: run.id,
        connection_id: run.connectionId,
        kind: run.kind,
        status: run.status,
        started_at: run.startedAt,
        finished_at: run.finishedAt ?? null,
        counts: JSON.stringify(run.counts),
        reason: run.reason ?? null,
      })
      .execute();
  }

  /** Changes only the fields given; throws when the run does not exist (an engine bug, not a user error). */
  async update(id: string, changes: Partial<Omit<RunRecord, 'id' | 'connectionId'>>): Promise<void> {
    const set: Updateable<RunsTable> = {};
    if (changes.kind !== undefined) set.kind = changes.kind;
    if (changes.status !== undefined) set.status = changes.status;
    if (changes.startedAt !== undefined) set.started_at = changes.startedAt;
    if ('finishedAt' in changes) set.finished_at = changes.finishedAt ?? null;
    if (changes.counts !== undefined) set.counts = JSON.stringify(changes.counts);
    if ('reason' in changes) set.reason = changes.reason ?? null;
    if (Object.keys(set).length === 0) return;
    const result = await this.db.updateTable('runs').set(set).where('id', '=', id).executeTakeFirst();
    if (result.numUpdatedRows === 0n)
      throw new Error(`Run "${id}" does not exist; create it before updating it.`);
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const row = await this.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRunRecord(row);
  }

  async list(connectionId?: string, limit = DEFAULT_LIST_LIMIT): Promise<RunRecord[]> {
    let query = this.db
      .selectFrom('runs')
      .selectAll()
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.max(0, Math.floor(limit)));
    if (connectionId !== undefined) query = query.where('connection_id', '=', connectionId);
    return (await query.execute()).map(toRunRecord);
  }

  async appendOperations(operations: readonly StoredOperation[]): Promise<void> {
    const rows = operations.map((operation) => ({
      run_id: operation.runId,
      sequence: operation.sequence,
      kind: operation.kind,
      object_type: operation.objectType,
      hub_id: operation.hubId ?? null,
      remote_id: operation.remoteId ?? null,
      detail: JSON.stringify(operation.detail ?? null),
    }));
    await writeInChunks(this.db, rows, (db, chunk) =>
      db.insertInto('run_operations').values(chunk).execute(),
    );
  }

  async operations(
    runId: string,
    afterSequence?: number,
    limit = DEFAULT_OPERATIONS_LIMIT,
  ): Promise<StoredOperation[]> {
    let query = this.db
      .selectFrom('run_operations')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('sequence')
      .limit(Math.max(0, Math.floor(limit)));
    if (afterSequence !== undefined) query = query.where('sequence', '>', afterSequence);
    return (await query.execute()).map(toStoredOperation);
  }

  /** Records (or replaces) the approval of a run awaiting it. */
  async approve(approval: Approval): Promise<void> {
    const values = {
      approved_by: approval.approvedBy,
      approved_at: approval.approvedAt,
      comment: approval.comment ?? null,
    };
    await this.db
      .insertInto('approvals')
      .values({ run_id: approval.runId, ...values })
      .onConflict((conflict) => conflict.column('run_id').doUpdateSet(values))
      .execute();
  }

  async approval(runId: string): Promise<Approval | undefined> {
    const row = await this.db
      .selectFrom('approvals')
      .selectAll()
      .where('run_id', '=', runId)
      .executeTakeFirst();
    return row && toApproval(row);
  }
}
