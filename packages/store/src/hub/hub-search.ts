import type { HubObject, HubSearchOptions, HubSearchResult, ObjectType } from '@idsync/core';
import { compileFilter, type FilterContext, type FilterPredicate } from '@idsync/scim';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { StoreDatabase } from '../database/database-schema.js';
import { pushDownFilter } from './filter-pushdown.js';
import { HUB_OBJECT_COLUMNS, type HubObjectRow } from './hub-object-row.js';
import { afterBound, orderTerms, sortKeyFor, type KeysetBound, type SortKey } from './hub-sort-key.js';

type ObjectQuery = SelectQueryBuilder<StoreDatabase & { o: StoreDatabase['hub_objects'] }, 'o', object>;

/** Turns a page of rows into hub objects (with users' `groups` filled), as the store reads them. */
export type RowReader = (db: Kysely<StoreDatabase>, rows: readonly HubObjectRow[]) => Promise<HubObject[]>;

/** Rows read per round trip when the filter has to be evaluated in memory. */
const STREAM_PAGE = 500;

export interface SearchContext {
  readonly db: Kysely<StoreDatabase>;
  readonly filterContext: (type: ObjectType) => FilterContext;
  readonly readRows: RowReader;
  /** Rows per round trip of the streamed path (default STREAM_PAGE). */
  readonly pageSize?: number;
}

function baseQuery(db: Kysely<StoreDatabase>, type: ObjectType, options: HubSearchOptions): ObjectQuery {
  let query = db.selectFrom('hub_objects as o').where('o.type', '=', type) as unknown as ObjectQuery;
  if (options.populationIds) {
    if (options.populationIds.length === 0) return query.where(sql<boolean>`false`);
    query = query.where('o.population_id', 'in', [...options.populationIds]);
  }
  return query;
}

/**
 * SCIM search over the hub. The filter is compiled by @idsync/scim's evaluator first (so a bad
 * filter fails the same way whatever SQL could do), then pushed down as far as it translates.
 * When SQL decides the whole filter: COUNT(*) for the total and one ordered, offset page. When
 * it does not: the rows SQL narrows to are streamed in sort order, page by page (keyset, not
 * OFFSET), through the evaluator, counting every match and keeping only the requested window —
 * memory holds one page and the window, whatever the directory's size.
 */
export async function searchHub(
  context: SearchContext,
  type: ObjectType,
  options: HubSearchOptions,
): Promise<HubSearchResult> {
  const predicate = options.filter ? compileFilter(options.filter, context.filterContext(type)) : undefined;
  const pushdown = options.filter ? pushDownFilter(options.filter, type) : { exact: true };
  const key = sortKeyFor(type, options.sortBy);
  const descending = options.sortOrder === 'descending';
  const offset = Math.max(1, Math.floor(options.startIndex || 1)) - 1;
  const count = Math.max(0, Math.floor(options.count));

  let query = baseQuery(context.db, type, options);
  if (pushdown.condition) query = query.where(pushdown.condition);
  if (pushdown.exact || !predicate) return sqlPage(context, query, key, descending, offset, count);
  return streamedPage(context, query, predicate, key, descending, offset, count);
}

async function sqlPage(
  context: SearchContext,
  query: ObjectQuery,
  key: SortKey,
  descending: boolean,
  offset: number,
  count: number,
): Promise<HubSearchResult> {
  const total = await query.select(sql<string | number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const totalResults = Number(total.total);
  if (count === 0 || offset >= totalResults) return { totalResults, objects: [] };
  let page = query.select(HUB_OBJECT_COLUMNS);
  for (const term of orderTerms(key, descending)) page = page.orderBy(term);
  const rows = (await page.offset(offset).limit(count).execute()) as HubObjectRow[];
  return { totalResults, objects: await context.readRows(context.db, rows) };
}

async function streamedPage(
  context: SearchContext,
  query: ObjectQuery,
  predicate: FilterPredicate,
  key: SortKey,
  descending: boolean,
  offset: number,
  count: number,
): Promise<HubSearchResult> {
  const objects: HubObject[] = [];
  let totalResults = 0;
  let bound: KeysetBound | undefined;
  for (;;) {
    let page = query.select([
      ...HUB_OBJECT_COLUMNS,
      (key.value ?? sql`null`).as('sort_value'),
      (key.value && key.nullable ? sql<boolean>`${key.value} is null` : sql<boolean>`false`).as(
        'sort_missing',
      ),
    ]);
    if (bound) page = page.where(afterBound(key, descending, bound));
    for (const term of orderTerms(key, descending)) page = page.orderBy(term);
    const pageSize = Math.max(1, context.pageSize ?? STREAM_PAGE);
    const rows = (await page.limit(pageSize).execute()) as (HubObjectRow & {
      sort_value: unknown;
      sort_missing: boolean;
    })[];
    for (const object of await context.readRows(context.db, rows)) {
      if (!predicate(object.resource)) continue;
      if (totalResults >= offset && objects.length < count) objects.push(object);
      totalResults++;
    }
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return { totalResults, objects };
    // A page that ends where the previous one did would repeat forever: fail loudly instead.
    if (bound && last.id === bound.id) throw new Error(`Hub search paging did not advance past ${last.id}.`);
    bound = { missing: last.sort_missing, value: last.sort_value, id: last.id };
  }
}
