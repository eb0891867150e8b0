import type { Checkpoint, CheckpointStore, ObjectType, SyncDirection } from '@idsync/core';
import type { Kysely } from 'kysely';
import type { StoreDatabase } from '../database/database-schema.js';
import { toIso } from '../database/timestamps.js';

/** Per connection, object type and direction: the incremental watermark and the last full reconciliation. */
export class KyselyCheckpointStore implements CheckpointStore {
  constructor(private readonly db: Kysely<StoreDatabase>) {}

  async get(
    connectionId: string,
    objectType: ObjectType,
    direction: SyncDirection,
  ): Promise<Checkpoint | undefined> {
    const row = await this.db
      .selectFrom('checkpoints')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('object_type', '=', objectType)
      .where('direction', '=', direction)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      connectionId: row.connection_id,
      objectType: row.object_type as ObjectType,
      direction: row.direction as SyncDirection,
      ...(row.token !== null ? { token: row.token } : {}),
      ...(row.last_full_reconciliation_at !== null
        ? { lastFullReconciliationAt: toIso(row.last_full_reconciliation_at) }
        : {}),
      updatedAt: toIso(row.updated_at),
    };
  }

  /** Replaces the whole checkpoint: a field left out is cleared, as the port's "put" says. */
  async put(checkpoint: Checkpoint): Promise<void> {
    const values = {
      token: checkpoint.token ?? null,
      last_full_reconciliation_at: checkpoint.lastFullReconciliationAt ?? null,
      updated_at: checkpoint.updatedAt,
    };
    await this.db
      .insertInto('checkpoints')
      .values({
        connection_id: checkpoint.connectionId,
        object_type: checkpoint.objectType,
        direction: checkpoint.direction,
        ...values,
      })
      .onConflict((conflict) =>
        conflict.columns(['connection_id', 'object_type', 'direction']).doUpdateSet(values),
      )
      .execute();
  }

  async delete(connectionId: string, objectType: ObjectType, direction: SyncDirection): Promise<void> {
    await this.db
      .deleteFrom('checkpoints')
      .where('connection_id', '=', connectionId)
      .where('object_type', '=', objectType)
      .where('direction', '=', direction)
      .execute();
  }
}
