import { randomUUID } from 'node:crypto';
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
import { ScimError, type FilterContext, type ScimResource } from '@idsync/scim';
import { sql, type Kysely } from 'kysely';
import type { StoreDatabase } from '../database/database-schema.js';
import { isUniqueViolation } from '../database/database-errors.js';
import {
  appendChanges,
  changesAfter,
  latestChangeCursor,
  lockHubWrites,
  type ChangeEntry,
} from './hub-change-feed.js';
import { normaliseHubId } from './hub-id.js';
import {
  detachFromGroups,
  groupReferences,
  groupsOf,
  membersOf,
  syncGroupMembers,
} from './hub-memberships.js';
import { HUB_OBJECT_COLUMNS, toHubObject, type HubObjectRow } from './hub-object-row.js';
import * as populations from './hub-populations.js';
import { searchHub } from './hub-search.js';
import { prepareHubResource, type PreparedResource } from './prepare-hub-resource.js';
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
      const id = await this.newId(trx, resource.id);
      const prepared = prepareHubResource(type, id, resource);
      await this.assertUnique(trx, type, id, prepared);
      const now = new Date();
      await this.guardUnique(type, prepared, () =>
        trx
          .insertInto('hub_objects')
          .values({
            id,
            type,
            population_id: populationId,
            ...this.columns(prepared),
            version: 1,
            created_at: now,
            updated_at: now,
          })
          .execute(),
      );
      await this.writeIndexes(trx, type, id, prepared, now, false);
      return this.readRequired(trx, type, id);
    });
  }

  replace(type: ObjectType, id: string, resource: ScimResource, options?: WriteOptions): Promise<HubObject> {
    assertObjectType(type);
    return this.write(async (trx) => {
      const current = await this.lockRow(trx, type, id, options, true);
      const prepared = prepareHubResource(type, current.id, resource);
      await this.assertUnique(trx, type, current.id, prepared);
      const now = new Date();
      await this.guardUnique(type, prepared, () =>
        trx
          .updateTable('hub_objects')
          .set({ ...this.columns(prepared), version: current.version + 1, updated_at: now })
          .where('id', '=', current.id)
          .execute(),
      );
      await this.writeIndexes(trx, type, current.id, prepared, now, true);
      return this.readRequired(trx, type, current.id);
    });
  }

  move(type: ObjectType, id: string, populationId: string): Promise<HubObject> {
    assertObjectType(type);
    return this.write(async (trx) => {
      const current = await this.lockRow(trx, type, id, undefined, true);
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
      const current = await this.lockRow(trx, type, id, options, false);
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

  /** `resource.id` when it is a free hub id, else a new UUID. */
  private async newId(db: Kysely<StoreDatabase>, requested: string | undefined): Promise<string> {
    const id = normaliseHubId(requested);
    if (id) {
      const taken = await db.selectFrom('hub_objects').select('id').where('id', '=', id).executeTakeFirst();
      if (!taken) return id;
    }
    return randomUUID();
  }

  /** The row to change, locked; 404 when missing (unless `allowMissing`), 412 on a version mismatch. */
  private async lockRow(
    db: Kysely<StoreDatabase>,
    type: ObjectType,
    id: string,
    options: WriteOptions | undefined,
    required: true,
  ): Promise<{ id: string; version: number }>;
  private async lockRow(
    db: Kysely<StoreDatabase>,
    type: ObjectType,
    id: string,
    options: WriteOptions | undefined,
    required: false,
  ): Promise<{ id: string; version: number } | undefined>;
  private async lockRow(
    db: Kysely<StoreDatabase>,
    type: ObjectType,
    id: string,
    options: WriteOptions | undefined,
    required: boolean,
  ): Promise<{ id: string; version: number } | undefined> {
    const hubId = normaliseHubId(id);
    const row = hubId
      ? await db
          .selectFrom('hub_objects')
          .select(['id', 'version'])
          .where('type', '=', type)
          .where('id', '=', hubId)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    if (!row) {
      if (required) throw ScimError.notFound(`${type} "${id}" does not exist in the hub.`);
      return undefined;
    }
    if (options?.ifVersion !== undefined && options.ifVersion !== row.version) {
      throw new ScimError(
        412,
        undefined,
        `${type} "${row.id}" is at version ${row.version}, not ${options.ifVersion}: it changed since it was read. Read it again and retry.`,
      );
    }
    return row;
  }

  private columns(prepared: PreparedResource) {
    return {
      user_name: prepared.userName,
      display_name: prepared.displayName,
      display: prepared.display,
      external_id: prepared.externalId,
      resource: JSON.stringify(prepared.resource),
    };
  }

  /** Checked before writing, so the caller gets a 409 naming the value rather than a failed transaction. */
  private async assertUnique(
    db: Kysely<StoreDatabase>,
    type: ObjectType,
    id: string,
    prepared: PreparedResource,
  ): Promise<void> {
    const column = type === 'User' ? 'user_name' : 'display_name';
    const value = type === 'User' ? prepared.userName : prepared.displayName;
    if (value === null) return;
    const clash = await db
      .selectFrom('hub_objects')
      .select('id')
      .where('type', '=', type)
      .where(column, '=', value)
      .where('id', '<>', id)
      .executeTakeFirst();
    if (clash) throw this.uniquenessError(type, prepared);
  }

  /** The unique indexes are the backstop should a writer bypass the hub write lock. */
  private async guardUnique(
    type: ObjectType,
    prepared: PreparedResource,
    write: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw this.uniquenessError(type, prepared);
      throw error;
    }
  }

  private uniquenessError(type: ObjectType, prepared: PreparedResource): ScimError {
    const resource = prepared.resource;
    return type === 'User'
      ? ScimError.uniqueness(
          `userName "${String(resource.userName)}" is already taken by another user (user names compare without case); choose another.`,
        )
      : ScimError.uniqueness(
          `displayName "${String(resource.displayName)}" is already taken by another group (group names compare without case); choose another.`,
        );
  }

  /** Emails, memberships and change entries of a create or replace. */
  private async writeIndexes(
    db: Kysely<StoreDatabase>,
    type: ObjectType,
    id: string,
    prepared: PreparedResource,
    now: Date,
    replacing: boolean,
  ): Promise<void> {
    if (replacing) await db.deleteFrom('hub_emails').where('object_id', '=', id).execute();
    if (prepared.emails.length > 0) {
      await db
        .insertInto('hub_emails')
        .values(prepared.emails.map((email) => ({ object_id: id, email })))
        .execute();
    }
    const changes: ChangeEntry[] = [{ objectType: type, objectId: id, kind: 'upsert' }];
    if (type === 'Group') changes.push(...(await syncGroupMembers(db, id, prepared.memberIds)));
    await appendChanges(db, changes, now);
  }
}
