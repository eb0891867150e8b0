import type { Link, LinkStore, ObjectType } from '@idsync/core';
import { ScimError } from '@idsync/scim';
import { sql, type Insertable, type Kysely } from 'kysely';
import { isUniqueViolation } from '../database/database-errors.js';
import type { LinksTable, StoreDatabase } from '../database/database-schema.js';
import { writeInChunks } from '../database/write-in-chunks.js';
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

  async *scan(
    connectionId: string,
    objectType: ObjectType,
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
