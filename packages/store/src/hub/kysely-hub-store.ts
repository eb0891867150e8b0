import type {
  HubChange,
  HubObject,
  HubScanOptions,
  HubSearchOptions,
  HubSearchResult,
  HubStore,
  ObjectType,
  Population,
  WriteOptions,
} from '@idsync/core';
import type { FilterContext, ScimResource } from '@idsync/scim';
import { sql, type Kysely } from 'kysely';
import type { StoreDatabase } from '../database/database-schema.js';
import { appendChanges, changesAfter, latestChangeCursor, lockHubWrites } from './hub-change-feed.js';
import { normaliseHubId } from './hub-id.js';
import { detachFromGroups, groupReferences, groupsOf, membersOf } from './hub-memberships.js';
import {
  assertUniqueName,
  lockObjectRow,
  missingObject,
  newHubId,
  objectColumns,
  writeGuarded,
  writeIndexes,
} from './hub-object-writes.js';
import { HUB_OBJECT_COLUMNS, toHubObject, type HubObjectRow } from './hub-object-row.js';
import * as populations from './hub-populations.js';
import { searchHub } from './hub-search.js';
import { prepareHubResource } from './prepare-hub-resource.js';
import { assertObjectType } from './object-type-guard.js';

const DEFAULT_SCAN_PAGE = 500;

export interface HubStoreTuning {
  /** Rows per round trip when a search filter is evaluated in memory. Default 500. */
  readonly searchPageSize?: number;
}

/**
 * The hub directory in SQL (see the HubStore port). Every write runs in a transaction that
 * first takes the hub write lock (hub-change-feed.ts), checks, writes the object and its index
 * rows, and appends to the change feed — all or nothing.
 */
export class KyselyHubStore implements HubStore {
  constructor(
    private readonly db: Kysely<StoreDatabase>,
    private readonly filterContext: (type: ObjectType) => FilterContext,
    private readonly tuning: HubStoreTuning = {},
  ) {}

  listPopulations(): Promise<Population[]> {
    return populations.listPopulations(this.db);
  }

  getPopulation(id: string): Promise<Population | undefined> {
    return populations.getPopulation(this.db, id);
  }

  putPopulation(population: Population): Promise<Population> {
    return this.inTransaction((trx) => populations.putPopulation(trx, population));
  }

  defaultPopulation(): Promise<Population> {
    return populations.defaultPopulation(this.db);
  }

  async get(type: ObjectType, id: string): Promise<HubObject | undefined> {
    assertObjectType(type);
    const hubId = normaliseHubId(id);
    if (!hubId) return undefined;
    return this.readOne(this.selectObjects().where('o.type', '=', type).where('o.id', '=', hubId));
  }

  async existingIds(type: ObjectType, ids: readonly string[]): Promise<ReadonlySet<string>> {
    assertObjectType(type);
    // Only well-formed hub ids can exist; the rest are left out before the query casts them.
    const wanted = [
      ...new Set(ids.map((id) => normaliseHubId(id)).filter((id): id is string => id !== undefined)),
    ];
    if (wanted.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('hub_objects')
      .select('id')
      .where('type', '=', type)
      .where('id', 'in', wanted)
      .execute();
    return new Set(rows.map((row) => row.id));
  }

  findByUserName(userName: string): Promise<HubObject | undefined> {
    return this.readOne(
      this.selectObjects().where('o.type', '=', 'User').where('o.user_name', '=', userName.toLowerCase()),
    );
  }

  findByExternalId(type: ObjectType, externalId: string): Promise<HubObject | undefined> {
    assertObjectType(type);
    return this.readOne(
      this.selectObjects()
        .where('o.type', '=', type)
        .where('o.external_id', '=', externalId)
        .orderBy('o.id')
        .limit(1),
    );
  }

  async findByEmail(email: string): Promise<HubObject[]> {
    const rows = await this.selectObjects()
      .where('o.type', '=', 'User')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('hub_emails as e')
            .select(sql`1`.as('one'))
            .whereRef('e.object_id', '=', 'o.id')
            .where('e.email', '=', email.toLowerCase()),
        ),
      )
      .orderBy('o.id')
      .execute();
    return this.readRows(this.db, rows as HubObjectRow[]);
  }

  create(type: ObjectType, populationId: string, resource: ScimResource): Promise<HubObject> {
    assertObjectType(type);
    return this.write(async (trx) => {
      await populations.assertPopulationExists(trx, populationId);
      const id = await newHubId(trx, resource.id);
      const prepared = prepareHubResource(type, id, resource);
      await assertUniqueName(trx, type, id, prepared);
      const now = new Date();
      await writeGuarded(type, prepared, () =>
        trx
          .insertInto('hub_objects')
          .values({
            id,
            type,
            population_id: populationId,
            ...objectColumns(prepared),
            version: 1,
            created_at: now,
            updated_at: now,
          })
          .execute(),
      );
      await writeIndexes(trx, type, id, prepared, now, false);
      return this.readRequired(trx, type, id);
    });
  }

  replace(type: ObjectType, id: string, resource: ScimResource, options?: WriteOptions): Promise<HubObject> {
    assertObjectType(type);
    return this.write(async (trx) => {
      const current = await lockObjectRow(trx, type, id, options);
      if (!current) throw missingObject(type, id);
      const prepared = prepareHubResource(type, current.id, resource);
      await assertUniqueName(trx, type, current.id, prepared);
      const now = new Date();
      await writeGuarded(type, prepared, () =>
        trx
          .updateTable('hub_objects')
          .set({ ...objectColumns(prepared), version: current.version + 1, updated_at: now })
          .where('id', '=', current.id)
          .execute(),
      );
      await writeIndexes(trx, type, current.id, prepared, now, true);
      return this.readRequired(trx, type, current.id);
    });
  }

  move(type: ObjectType, id: string, populationId: string): Promise<HubObject> {
    assertObjectType(type);
    return this.write(async (trx) => {
      const current = await lockObjectRow(trx, type, id, undefined);
      if (!current) throw missingObject(type, id);
      await populations.assertPopulationExists(trx, populationId);
      const now = new Date();
      await trx
        .updateTable('hub_objects')
        .set({ population_id: populationId, version: current.version + 1, updated_at: now })
        .where('id', '=', current.id)
        .execute();
      await appendChanges(trx, [{ objectType: type, objectId: current.id, kind: 'upsert' }], now);
      return this.readRequired(trx, type, current.id);
    });
  }

  delete(type: ObjectType, id: string, options?: WriteOptions): Promise<boolean> {
    assertObjectType(type);
    return this.write(async (trx) => {
      const current = await lockObjectRow(trx, type, id, options);
      if (!current) return false;
      const now = new Date();
      const changes = await detachFromGroups(trx, current.id, now);
      await trx.deleteFrom('hub_objects').where('id', '=', current.id).execute();
      await appendChanges(trx, [...changes, { objectType: type, objectId: current.id, kind: 'delete' }], now);
      return true;
    });
  }

  async *scan(type: ObjectType, options: HubScanOptions = {}): AsyncIterable<readonly HubObject[]> {
    assertObjectType(type);
    const pageSize = Math.max(1, Math.floor(options.pageSize ?? DEFAULT_SCAN_PAGE));
    if (options.populationIds?.length === 0) return;
    let after: string | undefined;
    for (;;) {
      let query = this.selectObjects().where('o.type', '=', type).orderBy('o.id').limit(pageSize);
      if (options.populationIds) query = query.where('o.population_id', 'in', [...options.populationIds]);
      if (after) query = query.where('o.id', '>', after);
      const rows = (await query.execute()) as HubObjectRow[];
      if (rows.length === 0) return;
      yield await this.readRows(this.db, rows);
      if (rows.length < pageSize) return;
      after = rows.at(-1)!.id;
    }
  }

  async count(type: ObjectType, populationIds?: readonly string[]): Promise<number> {
    assertObjectType(type);
    if (populationIds?.length === 0) return 0;
    let query = this.db
      .selectFrom('hub_objects')
      .select(sql<string | number>`count(*)`.as('total'))
      .where('type', '=', type);
    if (populationIds) query = query.where('population_id', 'in', [...populationIds]);
    return Number((await query.executeTakeFirstOrThrow()).total);
  }

  search(type: ObjectType, options: HubSearchOptions): Promise<HubSearchResult> {
    assertObjectType(type);
    const context = {
      db: this.db,
      filterContext: this.filterContext,
      readRows: (db: Kysely<StoreDatabase>, rows: readonly HubObjectRow[]) => this.readRows(db, rows),
      ...(this.tuning.searchPageSize !== undefined ? { pageSize: this.tuning.searchPageSize } : {}),
    };
    return searchHub(context, type, options);
  }

  groupsOf(memberId: string, transitive: boolean): Promise<string[]> {
    return groupsOf(this.db, memberId.toLowerCase(), transitive);
  }

  membersOf(groupId: string, transitive: boolean): Promise<string[]> {
    return membersOf(this.db, groupId.toLowerCase(), transitive);
  }

  changesAfter(cursor: string | undefined, limit: number): Promise<HubChange[]> {
    return changesAfter(this.db, cursor, limit);
  }

  latestChangeCursor(): Promise<string | undefined> {
    return latestChangeCursor(this.db);
  }

  /**
   * Runs `work` in one transaction, handing it a store bound to it. Nested calls join the
   * outer transaction. Use only the store passed to `work` inside it: with PGlite, a call on
   * the outer store waits for the transaction to end.
   */
  transaction<T>(work: (store: HubStore) => Promise<T>): Promise<T> {
    return this.inTransaction((trx) =>
      work(trx === this.db ? this : new KyselyHubStore(trx, this.filterContext, this.tuning)),
    );
  }

  private inTransaction<T>(work: (trx: Kysely<StoreDatabase>) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return work(this.db);
    return this.db.transaction().execute((trx) => work(trx));
  }

  private write<T>(work: (trx: Kysely<StoreDatabase>) => Promise<T>): Promise<T> {
    return this.inTransaction(async (trx) => {
      await lockHubWrites(trx);
      return work(trx);
    });
  }

  private selectObjects() {
    return this.db.selectFrom('hub_objects as o').select(HUB_OBJECT_COLUMNS);
  }

  private async readOne(query: { executeTakeFirst(): Promise<unknown> }): Promise<HubObject | undefined> {
    const row = (await query.executeTakeFirst()) as HubObjectRow | undefined;
    return row ? (await this.readRows(this.db, [row]))[0] : undefined;
  }

  private async readRequired(db: Kysely<StoreDatabase>, type: ObjectType, id: string): Promise<HubObject> {
    const row = (await db
      .selectFrom('hub_objects as o')
      .select(HUB_OBJECT_COLUMNS)
      .where('o.type', '=', type)
      .where('o.id', '=', id)
      .executeTakeFirstOrThrow()) as HubObjectRow;
    return (await this.readRows(db, [row]))[0]!;
  }

  /** Rows to objects; one extra query per page for the users' `groups`. */
  private async readRows(db: Kysely<StoreDatabase>, rows: readonly HubObjectRow[]): Promise<HubObject[]> {
    const userIds = rows.filter((row) => row.type === 'User').map((row) => row.id);
    const groups = await groupReferences(db, userIds);
    return rows.map((row) => toHubObject(row, groups.get(row.id)));
  }
}
