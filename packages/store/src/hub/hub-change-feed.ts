import type { HubChange, ObjectType } from '@idsync/core';
import { sql, type Kysely } from 'kysely';
import type { StoreDatabase } from '../database/database-schema.js';

export interface ChangeEntry {
  readonly objectType: string;
  readonly objectId: string;
  readonly kind: HubChange['kind'];
}

/** "idsy" in ASCII: the advisory lock that orders hub writers (any constant would do). */
const HUB_WRITE_LOCK = 0x69647379;

/**
 * Taken by every hub write before it touches a row, held to commit or rollback. Writers thus
 * commit one after another, so a change's cursor (a sequence value) is never smaller than
 * that of a change already visible: a reader that has seen cursor N can never later find a
 * newly committed N-1 and skip it. Without the lock, concurrent transactions could commit
 * out of sequence order and a follower resuming "after N" would miss changes for good.
 * Taking it first, before any row lock, keeps writers from deadlocking on each other.
 */
export async function lockHubWrites(db: Kysely<StoreDatabase>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${HUB_WRITE_LOCK})`.execute(db);
}

/** Appends entries in the order given, in one statement whatever their number. */
export async function appendChanges(
  db: Kysely<StoreDatabase>,
  entries: readonly ChangeEntry[],
  at: Date,
): Promise<void> {
  if (entries.length === 0) return;
  const types = entries.map((entry) => entry.objectType);
  const ids = entries.map((entry) => entry.objectId);
  const kinds = entries.map((entry) => entry.kind);
  await sql`
    insert into hub_changes (object_type, object_id, kind, at)
    select c.object_type, c.object_id::uuid, c.kind, ${at}::timestamptz
    from unnest(${types}::text[], ${ids}::text[], ${kinds}::text[]) with ordinality as c(object_type, object_id, kind, n)
    order by c.n`.execute(db);
}

function parseCursor(cursor: string): string {
  if (!/^\d{1,19}$/.test(cursor)) {
    throw new RangeError(
      `"${cursor}" is not a hub change cursor: use a value returned by changesAfter or latestChangeCursor.`,
    );
  }
  return cursor;
}

export async function changesAfter(
  db: Kysely<StoreDatabase>,
  cursor: string | undefined,
  limit: number,
): Promise<HubChange[]> {
  let query = db
    .selectFrom('hub_changes')
    .select([
      sql<string>`cursor::text`.as('cursor'),
      'object_type',
      sql<string>`object_id::text`.as('object_id'),
      'kind',
      'at',
    ])
    // Qualified: the bare name would sort by the text alias ("10" before "9").
    .orderBy('hub_changes.cursor')
    .limit(Math.max(0, Math.floor(limit)));
  if (cursor !== undefined)
    query = query.where('hub_changes.cursor', '>', sql<string>`${parseCursor(cursor)}::bigint`);
  const rows = await query.execute();
  return rows.map((row) => ({
    cursor: row.cursor,
    objectType: row.object_type as ObjectType,
    objectId: row.object_id,
    kind: row.kind as HubChange['kind'],
    at: row.at.toISOString(),
  }));
}

export async function latestChangeCursor(db: Kysely<StoreDatabase>): Promise<string | undefined> {
  const row = await db
    .selectFrom('hub_changes')
    .select(sql<string | null>`max(cursor)::text`.as('cursor'))
    .executeTakeFirst();
  return row?.cursor ?? undefined;
}
