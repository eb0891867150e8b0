import type { Link, LinkStore, ObjectType, SyncState } from '@idsync/core';
import { ScimError } from '@idsync/scim';
import { sql, type Insertable, type Kysely } from 'kysely';
import { isUniqueViolation } from '../database/database-errors.js';
import type { LinksTable, StoreDatabase } from '../database/database-schema.js';
import { ROWS_PER_STATEMENT, writeInChunks } from '../database/write-in-chunks.js';
import { toLink, toLinkRow } from './link-row.js';

const DEFAULT_PAGE = 500;

const UPDATED_COLUMNS = [
  'remote_id',
  'rule_ids',
  'last_applied_hash',
  'state',
  'intent',
  'last_error',
  'last_success_at',
  'attempts',
  'updated_at',
] as const;

function pageSizeOf(pageSize: number | undefined): number {
  return Math.max(1, Math.floor(pageSize ?? DEFAULT_PAGE));
}

/** Links and created-membership provenance (see the LinkStore port). */
export class KyselyLinkStore implements LinkStore {
  constructor(private readonly db: Kysely<StoreDatabase>) {}

  async get(connectionId: string, objectType: ObjectType, hubId: string): Promise<Link | undefined> {
    const row = await this.db
      .selectFrom('links')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('object_type', '=', objectType)
      .where('hub_id', '=', hubId)
      .executeTakeFirst();
    return row && toLink(row);
  }

  async getMany(
    connectionId: string,
    objectType: ObjectType,
    hubIds: readonly string[],
  ): Promise<ReadonlyMap<string, Link>> {
    const found = new Map<string, Link>();
    // One statement per chunk: the ids travel as one array parameter, so a chunk is bounded by
    // memory only; chunking keeps each answer (and its rows in memory) a page's worth.
    for (let start = 0; start < hubIds.length; start += ROWS_PER_STATEMENT) {
      const chunk = [...new Set(hubIds.slice(start, start + ROWS_PER_STATEMENT))];
      const rows = await this.db
        .selectFrom('links')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .where('object_type', '=', objectType)
        .where(sql<boolean>`hub_id = any(${chunk}::text[])`)
        .execute();
      for (const row of rows) found.set(row.hub_id, toLink(row));
    }
    return found;
  }

  async getByRemoteId(
    connectionId: string,
    objectType: ObjectType,
    remoteId: string,
  ): Promise<Link | undefined> {
    const row = await this.db
      .selectFrom('links')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('object_type', '=', objectType)
      .where('remote_id', '=', remoteId)
      .executeTakeFirst();
    return row && toLink(row);
  }

  put(link: Link): Promise<void> {
    return this.putMany([link]);
  }

  /**
   * Upserts in as few statements as the batch allows (one up to 1,000 links), inside one
   * transaction. Within a batch the last link for a key wins, as sequential puts would.
   */
  async putMany(links: readonly Link[]): Promise<void> {
    const byKey = new Map<string, Insertable<LinksTable>>();
    for (const link of links)
      byKey.set(JSON.stringify([link.connectionId, link.objectType, link.hubId]), toLinkRow(link));
    await writeInChunks(this.db, [...byKey.values()], (db, chunk) => this.upsert(db, chunk));
  }

  private async upsert(db: Kysely<StoreDatabase>, rows: Insertable<LinksTable>[]): Promise<void> {
    try {
      await db
        .insertInto('links')
        .values(rows)
        .onConflict((conflict) =>
          conflict
            .columns(['connection_id', 'object_type', 'hub_id'])
            .doUpdateSet((eb) =>
              Object.fromEntries(UPDATED_COLUMNS.map((column) => [column, eb.ref(`excluded.${column}`)])),
            ),
        )
        .execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw ScimError.uniqueness(
        'A remote object can be linked to one hub object per connection and type, and a link in this batch names a ' +
          'remote id another hub object is already linked to. Release the old link first.',
      );
    }
  }

  async release(connectionId: string, objectType: ObjectType, hubId: string): Promise<void> {
    await this.db
      .deleteFrom('links')
      .where('connection_id', '=', connectionId)
      .where('object_type', '=', objectType)
      .where('hub_id', '=', hubId)
      .execute();
  }

  scan(connectionId: string, objectType: ObjectType, pageSize?: number): AsyncIterable<readonly Link[]> {
    return this.scanWhere(connectionId, objectType, undefined, pageSize);
  }

  scanByState(
    connectionId: string,
    objectType: ObjectType,
    state: SyncState,
    pageSize?: number,
  ): AsyncIterable<readonly Link[]> {
    return this.scanWhere(connectionId, objectType, state, pageSize);
  }

  /** A connection's links of one type, in any or one state, in pages keyed by hub id (keyset paging). */
  private async *scanWhere(
    connectionId: string,
    objectType: ObjectType,
    state: SyncState | undefined,
    pageSize?: number,
  ): AsyncIterable<readonly Link[]> {
    const size = pageSizeOf(pageSize);
    let after: string | undefined;
    for (;;) {
      let query = this.db
        .selectFrom('links')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .where('object_type', '=', objectType)
        .orderBy('hub_id')
        .limit(size);
      if (state !== undefined) query = query.where('state', '=', state);
      if (after !== undefined) query = query.where('hub_id', '>', after);
      const rows = await query.execute();
      if (rows.length > 0) yield rows.map(toLink);
      if (rows.length < size) return;
      after = rows.at(-1)!.hub_id;
    }
  }

  async *scanByRule(ruleId: string, pageSize?: number): AsyncIterable<readonly Link[]> {
    const size = pageSizeOf(pageSize);
    let after: [string, string, string] | undefined;
    for (;;) {
      let query = this.db
        .selectFrom('links')
        .selectAll()
        .where(sql<boolean>`rule_ids @> array[${ruleId}]::text[]`)
        .orderBy('connection_id')
        .orderBy('object_type')
        .orderBy('hub_id')
        .limit(size);
      if (after) {
        const [connectionId, objectType, hubId] = after;
        query = query.where((eb) =>
          eb(
            eb.refTuple('connection_id', 'object_type', 'hub_id'),
            '>',
            eb.tuple(connectionId, objectType, hubId),
          ),
        );
      }
      const rows = await query.execute();
      if (rows.length > 0) yield rows.map(toLink);
      if (rows.length < size) return;
      const last = rows.at(-1)!;
      after = [last.connection_id, last.object_type, last.hub_id];
    }
  }

  async countByState(connectionId: string): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('links')
      .select(['state', sql<string | number>`count(*)`.as('total')])
      .where('connection_id', '=', connectionId)
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.map((row) => [row.state, Number(row.total)]));
  }

  async recordMemberships(
    connectionId: string,
    groupHubId: string,
    memberHubIds: readonly string[],
  ): Promise<void> {
    if (memberHubIds.length === 0) return;
    await sql`
      insert into created_memberships (connection_id, group_hub_id, member_hub_id)
      select ${connectionId}, ${groupHubId}, m.id from unnest(${[...memberHubIds]}::text[]) as m(id)
      on conflict do nothing`.execute(this.db);
  }

  async forgetMemberships(
    connectionId: string,
    groupHubId: string,
    memberHubIds: readonly string[],
  ): Promise<void> {
    if (memberHubIds.length === 0) return;
    await this.db
      .deleteFrom('created_memberships')
      .where('connection_id', '=', connectionId)
      .where('group_hub_id', '=', groupHubId)
      .where(sql<boolean>`member_hub_id = any(${[...memberHubIds]}::text[])`)
      .execute();
  }

  async createdMemberships(connectionId: string, groupHubId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('created_memberships')
      .select('member_hub_id')
      .where('connection_id', '=', connectionId)
      .where('group_hub_id', '=', groupHubId)
      .orderBy('member_hub_id')
      .execute();
    return rows.map((row) => row.member_hub_id);
  }
}
