import { afterAll, beforeAll } from '@jest/globals';
import type { HubObject, HubSearchResult, HubStore } from '@idsync/core';
import {
  compileFilter,
  createCoreRegistry,
  USER_SCHEMA,
  type FilterContext,
  type FilterNode,
} from '@idsync/scim';
import { KyselyHubStore } from '../hub/kysely-hub-store.js';
import { testStores, type DialectName } from './store-test-targets.js';

/**
 * A directory of 90 users built to make search hard — values that collide without case, LIKE's
 * wildcards inside values, optional attributes — and the order and results the store must
 * agree with, computed with @idsync/scim's evaluator over the whole directory in memory.
 */

const registry = createCoreRegistry();
export const userContext: FilterContext = { registry, scope: registry.scopeOf('User') };

/** Fragments chosen to collide across case and to carry LIKE's special characters. */
export const FRAGMENTS = ['al', 'Al', 'AL', 'bo', 'b%', 'x_y', 'q\\r', 'Zed', 'é'];
export const DISPLAY_NAMES = ['Ann Lee', 'ann lee', 'Bo', 'B%x', 'x_y z', ''];
export const EMAILS = ['A@x.org', 'a@X.org', 'b%c@y.org', 'bo_@y.org', 'zed@z.org'];
export const TITLES = ['Engineer', 'engineer', 'Lead', 'b%'];

interface Sample {
  readonly resource: Record<string, unknown>;
}

/** A deterministic directory: every combination appears, case collisions included. */
function sampleUsers(count: number): Sample[] {
  return Array.from({ length: count }, (_, i) => {
    const resource: Record<string, unknown> = {
      schemas: [USER_SCHEMA],
      userName: `${FRAGMENTS[i % FRAGMENTS.length]}-${i}`,
      active: i % 3 !== 0,
    };
    if (i % 4 !== 0) resource.displayName = DISPLAY_NAMES[i % DISPLAY_NAMES.length];
    if (i % 5 !== 1) resource.externalId = `${FRAGMENTS[(i * 7) % FRAGMENTS.length]}:${i % 6}`;
    if (i % 3 !== 2) {
      resource.emails = [
        { value: EMAILS[i % EMAILS.length], type: i % 2 === 0 ? 'work' : 'home' },
        ...(i % 4 === 1 ? [{ value: EMAILS[(i + 2) % EMAILS.length], type: 'other' }] : []),
      ];
    }
    if (i % 2 === 0) resource.title = TITLES[i % TITLES.length];
    return { resource };
  });
}

export type SortBy =
  'userName' | 'displayName' | 'externalId' | 'id' | 'meta.created' | 'meta.lastModified' | undefined;

/** The order the store promises: values first when ascending (case-folded for caseExact false), id breaks ties. */
export function expectedOrder(objects: HubObject[], sortBy: SortBy, descending: boolean): HubObject[] {
  const keyOf = (object: HubObject): string | number | undefined => {
    const r = object.resource as Record<string, unknown>;
    switch (sortBy) {
      case 'userName':
        return (r.userName as string).toLowerCase();
      case 'displayName':
        return typeof r.displayName === 'string' ? r.displayName.toLowerCase() : undefined;
      case 'externalId':
        return r.externalId as string | undefined;
      case 'meta.created':
        return Date.parse(object.createdAt);
      case 'meta.lastModified':
        return Date.parse(object.updatedAt);
      default:
        return undefined;
    }
  };
  const codePoints = (s: string) => [...s].map((c) => c.codePointAt(0)!);
  const compareValues = (a: string | number, b: string | number): number => {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    const [x, y] = [codePoints(String(a)), codePoints(String(b))];
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  };
  const ascending = (a: HubObject, b: HubObject): number => {
    const [ka, kb] = [keyOf(a), keyOf(b)];
    if (ka === undefined && kb !== undefined) return 1;
    if (kb === undefined && ka !== undefined) return -1;
    if (ka !== undefined && kb !== undefined && compareValues(ka, kb) !== 0) return compareValues(ka, kb);
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
  return [...objects].sort((a, b) => (descending ? -ascending(a, b) : ascending(a, b)));
}

export interface SearchDirectory {
  hub: HubStore;
  /** The same store reading 7 rows per round trip, so streamed searches cross many keyset pages. */
  smallPages: HubStore;
  populationId: string;
  /** Every user of the directory, as the store reads them. */
  all: HubObject[];
  search(
    target: HubStore,
    filter: FilterNode | undefined,
    sortBy: SortBy,
    descending: boolean,
    startIndex?: number,
    count?: number,
  ): Promise<HubSearchResult>;
  /** What a search must return: the evaluator's matches in the promised order. */
  expected(filter: FilterNode | undefined, sortBy: SortBy, descending: boolean): HubObject[];
}

/** Registers beforeAll/afterAll that build the directory on a fresh store of `dialect`. */
export function useSearchDirectory(dialect: DialectName): SearchDirectory {
  const stores = testStores(dialect);
  const directory = {
    all: [] as HubObject[],
    search(target, filter, sortBy, descending, startIndex = 1, count = 1000) {
      return target.search('User', {
        ...(filter ? { filter } : {}),
        ...(sortBy ? { sortBy } : {}),
        sortOrder: descending ? 'descending' : 'ascending',
        populationIds: [directory.populationId],
        startIndex,
        count,
      });
    },
    expected(filter, sortBy, descending) {
      const predicate = filter ? compileFilter(filter, userContext) : () => true;
      return expectedOrder(
        directory.all.filter((object) => predicate(object.resource)),
        sortBy,
        descending,
      );
    },
  } as SearchDirectory;

  beforeAll(async () => {
    const store = await stores.open();
    directory.hub = store.hub;
    directory.smallPages = new KyselyHubStore(store.database, () => userContext, { searchPageSize: 7 });
    directory.populationId = (
      await store.hub.putPopulation({ id: 'search', name: 'Search', isDefault: false })
    ).id;
    for (const sample of sampleUsers(90))
      await store.hub.create('User', directory.populationId, sample.resource as never);
    // A user elsewhere that population-scoped searches must never return.
    const outside = await store.hub.putPopulation({ id: 'outside', name: 'Outside', isDefault: false });
    await store.hub.create('User', outside.id, {
      schemas: [USER_SCHEMA],
      userName: 'al-outside',
      title: 'Engineer',
    });
    for await (const page of store.hub.scan('User', { populationIds: [directory.populationId] }))
      directory.all.push(...page);
  }, 60_000);
  afterAll(() => stores.cleanup());
  return directory;
}
