import type { AuditEntry, AuditLog } from '@idsync/core';
import type { Kysely } from 'kysely';
import type { StoreDatabase } from '../database/database-schema.js';
import { toIso } from '../database/timestamps.js';
import { writeInChunks } from '../database/write-in-chunks.js';

/** Append-only audit trail; newest first on query. Callers must not put secrets in `detail`. */
export class KyselyAuditLog implements AuditLog {
  constructor(private readonly db: Kysely<StoreDatabase>) {}

  async append(entries: readonly AuditEntry[]): Promise<void> {
    const rows = entries.map((entry) => ({
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      connection_id: entry.connectionId ?? null,
      run_id: entry.runId ?? null,
      object_type: entry.objectType ?? null,
      object_id: entry.objectId ?? null,
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    }));
    await writeInChunks(this.db, rows, (db, chunk) => db.insertInto('audit_log').values(chunk).execute());
  }

  async query(options: { objectId?: string; connectionId?: string; limit: number }): Promise<AuditEntry[]> {
    let query = this.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.max(0, Math.floor(options.limit)));
    if (options.objectId !== undefined) query = query.where('object_id', '=', options.objectId);
    if (options.connectionId !== undefined) query = query.where('connection_id', '=', options.connectionId);
    const rows = await query.execute();
    return rows.map((row) => ({
      at: toIso(row.at),
      actor: row.actor,
      action: row.action,
      ...(row.connection_id !== null ? { connectionId: row.connection_id } : {}),
      ...(row.run_id !== null ? { runId: row.run_id } : {}),
      ...(row.object_type !== null ? { objectType: row.object_type } : {}),
      ...(row.object_id !== null ? { objectId: row.object_id } : {}),
      ...(row.detail !== null ? { detail: row.detail } : {}),
    }));
  }
}
