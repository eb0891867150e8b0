import type { Link, LinkIntent, ObjectType, SyncState } from '@idsync/core';
import type { Insertable, Selectable } from 'kysely';
import type { LinksTable } from '../database/database-schema.js';
import { toIso } from '../database/timestamps.js';

export function toLink(row: Selectable<LinksTable>): Link {
  return {
    connectionId: row.connection_id,
    objectType: row.object_type as ObjectType,
    hubId: row.hub_id,
    ...(row.remote_id !== null ? { remoteId: row.remote_id } : {}),
    ruleIds: row.rule_ids,
    ...(row.last_applied_hash !== null ? { lastAppliedHash: row.last_applied_hash } : {}),
    state: row.state as SyncState,
    ...(row.intent !== null ? { intent: row.intent as LinkIntent } : {}),
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    ...(row.last_success_at !== null ? { lastSuccessAt: toIso(row.last_success_at) } : {}),
    attempts: row.attempts,
    updatedAt: toIso(row.updated_at),
  };
}

export function toLinkRow(link: Link): Insertable<LinksTable> {
  return {
    connection_id: link.connectionId,
    object_type: link.objectType,
    hub_id: link.hubId,
    remote_id: link.remoteId ?? null,
    rule_ids: [...new Set(link.ruleIds)],
    last_applied_hash: link.lastAppliedHash ?? null,
    state: link.state,
    intent: link.intent === undefined ? null : JSON.stringify(link.intent),
    last_error: link.lastError ?? null,
    last_success_at: link.lastSuccessAt ?? null,
    attempts: link.attempts,
    updated_at: link.updatedAt,
  };
}
