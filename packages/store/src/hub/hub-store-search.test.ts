import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { HubObject, HubStore } from '@idsync/core';
import {
  compileFilter,
  createCoreRegistry,
  formatFilter,
  parseFilter,
  ScimError,
  USER_SCHEMA,
  type FilterContext,
  type FilterNode,
} from '@idsync/scim';
import type { IdsyncStore } from '../open-store.js';
import { DIALECTS, testStores } from '../testing/store-test-targets.js';
import { KyselyHubStore } from './kysely-hub-store.js';
import { pushDownFilter } from './filter-pushdown.js';

const registry = createCoreRegistry();
const userContext: FilterContext = { registry, scope: registry.scopeOf('User') };

/** Fragments chosen to collide across case and to carry LIKE's special characters. */
const FRAGMENTS = ['al', 'Al', 'AL', 'bo', 'b%', 'x_y', 'q\\r', 'Zed', 'é'];
const DISPLAY_NAMES = ['Ann Lee', 'ann lee', 'Bo', 'B%x', 'x_y z', ''];
const EMAILS = ['A@x.org', 'a@X.org', 'b%c@y.org', 'bo_@y.org', 'zed@z.org'];
const TITLES = ['Engineer', 'engineer', 'Lead', 'b%'];

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

type SortBy =
  'userName' | 'displayName' | 'externalId' | 'id' | 'meta.created' | 'meta.lastModified' | undefined;

/** The order the store promises: values first when ascending (case-folded for caseExact false), id breaks ties. */
function expectedOrder(objects: HubObject[], sortBy: SortBy, descending: boolean): HubObject[] {
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

describe.each(DIALECTS)('hub search on %s', (dialect) => {
  const stores = testStores(dialect);
  let store: IdsyncStore;
  let hub: HubStore;
  /** The same store reading 7 rows per round trip, so streamed searches cross many keyset pages. */
  let smallPages: HubStore;
  let populationId: string;
  let all: HubObject[];

  beforeAll(async () => {
    store = await stores.open();
    hub = store.hub;
    smallPages = new KyselyHubStore(store.database, () => userContext, { searchPageSize: 7 });
    populationId = (await hub.putPopulation({ id: 'search', name: 'Search', isDefault: false })).id;
    for (const sample of sampleUsers(90)) await hub.create('User', populationId, sample.resource as never);
    // A user elsewhere that population-scoped searches must never return.
    const outside = await hub.putPopulation({ id: 'outside', name: 'Outside', isDefault: false });
    await hub.create('User', outside.id, {
      schemas: [USER_SCHEMA],
      userName: 'al-outside',
      title: 'Engineer',
    });
    all = [];
    for await (const page of hub.scan('User', { populationIds: [populationId] })) all.push(...page);
  }, 60_000);
  afterAll(() => stores.cleanup());

  const search = (
    target: HubStore,
    filter: FilterNode | undefined,
    sortBy: SortBy,
    descending: boolean,
    startIndex = 1,
    count = 1000,
  ) =>
    target.search('User', {
      ...(filter ? { filter } : {}),
      ...(sortBy ? { sortBy } : {}),
      sortOrder: descending ? 'descending' : 'ascending',
      populationIds: [populationId],
      startIndex,
      count,
    });

  const expected = (filter: FilterNode | undefined, sortBy: SortBy, descending: boolean) => {
    const predicate = filter ? compileFilter(filter, userContext) : () => true;
    return expectedOrder(
      all.filter((object) => predicate(object.resource)),
      sortBy,
      descending,
    );
  };

  it('pushes the listed operators down to SQL completely', () => {
    const exact = [
      'userName eq "AL-0"',
      'userName sw "b%" or displayName co "_y"',
      'externalId eq "Al:3" and not (displayName pr)',
      'emails.value eq "A@X.ORG"',
      'emails[value sw "b%"]',
      'meta.lastModified gt "2020-01-01T00:00:00Z" and meta.created le "2999-01-01T00:00:00.123456+02:00"',
      'id eq "0e0c2a47-1b47-4c65-8f0a-7a3fb0f5f0d1"',
    ];
    for (const text of exact)
      expect([text, pushDownFilter(parseFilter(text), 'User').exact]).toEqual([text, true]);
    const partial = pushDownFilter(parseFilter('userName sw "al" and title eq "Lead"'), 'User');
    expect(partial.exact).toBe(false);
    expect(partial.condition).toBeDefined();
    const none = pushDownFilter(parseFilter('title eq "Lead" or userName eq "x"'), 'User');
    expect(none).toEqual({ exact: false });
  });

  it('counts every match and returns the requested window, pushed down or evaluated in memory', async () => {
    for (const text of [
      'userName sw "al"',
      'title eq "engineer"',
      'userName sw "al" and title eq "Engineer"',
    ]) {
      const filter = parseFilter(text);
      const want = expected(filter, 'userName', false);
      expect(want.length).toBeGreaterThan(2);
      const result = await search(hub, filter, 'userName', false, 2, 2);
      expect(result.totalResults).toBe(want.length);
      expect(result.objects.map((o) => o.id)).toEqual(want.slice(1, 3).map((o) => o.id));
    }
  });

  it('treats LIKE wildcards in values literally', async () => {
    const result = await search(hub, parseFilter('userName sw "b%"'), 'userName', false);
    expect(result.objects.length).toBeGreaterThan(0);
    for (const object of result.objects)
      expect((object.resource.userName as string).startsWith('b%')).toBe(true);
    expect(
      (await search(hub, parseFilter('userName co "_"'), undefined, false)).objects.every((o) =>
        (o.resource.userName as string).includes('_'),
      ),
    ).toBe(true);
  });

  it('fills the groups attribute before evaluating, so groups can be filtered on', async () => {
    const member = all[0]!;
    const group = await hub.create('Group', populationId, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Searchers',
      members: [{ value: member.id }],
    });
    const result = await search(hub, parseFilter(`groups.value eq "${group.id}"`), undefined, false);
    expect(result.objects.map((o) => o.id)).toEqual([member.id]);
    await hub.delete('Group', group.id);
  });

  it('refuses a sortBy it cannot sort by, and bad filters as the evaluator does', async () => {
    const sortError = await search(hub, undefined, 'name.familyName' as SortBy, false).catch(
      (e: unknown) => e,
    );
    expect(sortError).toBeInstanceOf(ScimError);
    expect((sortError as ScimError).detail).toContain('name.familyName');
    const filterError = await search(hub, parseFilter('active gt true'), undefined, false).catch(
      (e: unknown) => e,
    );
    expect((filterError as ScimError).scimType).toBe('invalidFilter');
    const dateError = await search(
      hub,
      parseFilter('meta.lastModified gt "yesterday"'),
      undefined,
      false,
    ).catch((e: unknown) => e);
    expect((dateError as ScimError).scimType).toBe('invalidFilter');
  });

  it('agrees with the SCIM evaluator on every single comparison it pushes down', async () => {
    const attributes = [
      'userName',
      'displayName',
      'externalId',
      'emails.value',
      'emails',
      'id',
      'urn:ietf:params:scim:schemas:core:2.0:User:userName',
    ];
    const values = [
      'al',
      'AL-1',
      'b%',
      'x_y',
      'q\\r',
      'ann lee',
      'A@X.ORG',
      'Y.ORG',
      ':3',
      '-1',
      '',
      all[5]!.id,
      all[5]!.id.slice(0, 6),
    ];
    for (const attribute of attributes) {
      for (const operator of ['eq', 'sw', 'ew', 'co']) {
        for (const value of values) {
          const node = parseFilter(`${attribute} ${operator} ${JSON.stringify(value)}`);
          expect(pushDownFilter(node, 'User').exact).toBe(true);
          const want = expected(node, 'userName', false).map((o) => o.id);
          const result = await search(hub, node, 'userName', false);
          expect([formatFilter(node), result.totalResults, result.objects.map((o) => o.id)]).toEqual([
            formatFilter(node),
            want.length,
            want,
          ]);
        }
      }
      const presence = parseFilter(`${attribute} pr`);
      const want = expected(presence, undefined, false).map((o) => o.id);
      expect([attribute, (await search(hub, presence, undefined, false)).objects.map((o) => o.id)]).toEqual([
        attribute,
        want,
      ]);
    }
  });

  it('agrees with the SCIM evaluator on random filters, sorts and pages', async () => {
    const ids = all.map((o) => o.id);
    const instants = all.map((o) => o.updatedAt);
    const text = fc.oneof(
      fc.constantFrom(
        ...FRAGMENTS,
        ...DISPLAY_NAMES,
        ...EMAILS,
        ...TITLES,
        'A',
        'x',
        '-1',
        ':3',
        '@',
        'ENGINEER',
      ),
      fc.constantFrom(...ids).map((id) => id.slice(0, 8)),
    );
    const stringAttribute = fc.constantFrom(
      'userName',
      'USERNAME',
      'displayName',
      'externalId',
      'emails.value',
      'emails',
      'title',
      'nickName',
    );
    const comparison = fc.oneof(
      fc.record({
        kind: fc.constant('comparison' as const),
        path: stringAttribute.map((name) => {
          const [attribute, subAttribute] = name.split('.');
          return subAttribute ? { attribute: attribute!, subAttribute } : { attribute: attribute! };
        }),
        operator: fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'le' as const),
        value: text,
      }),
      fc.record({
        kind: fc.constant('comparison' as const),
        path: fc.constantFrom(
          { attribute: 'meta', subAttribute: 'lastModified' },
          { attribute: 'meta', subAttribute: 'created' },
        ),
        operator: fc.constantFrom('eq', 'gt', 'ge', 'lt', 'le' as const),
        value: fc
          .tuple(fc.constantFrom(...instants), fc.constantFrom(-1, 0, 1), fc.boolean())
          .map(([iso, shift, offset]) => {
            const date = new Date(Date.parse(iso) + shift);
            if (!offset) return date.toISOString();
            const local = new Date(date.getTime() + 2 * 3600_000).toISOString().replace('Z', '+02:00');
            return local;
          }),
      }),
      fc.record({
        kind: fc.constant('comparison' as const),
        path: fc.constant({ attribute: 'id' }),
        operator: fc.constantFrom('eq', 'sw' as const),
        value: fc.oneof(
          fc.constantFrom(...ids),
          fc.constantFrom(...ids).map((id) => id.toUpperCase()),
          text,
        ),
      }),
      fc.record({
        kind: fc.constant('comparison' as const),
        path: fc.constant({ attribute: 'active' }),
        operator: fc.constant('eq' as const),
        value: fc.boolean(),
      }),
    );
    const present = fc.record({
      kind: fc.constant('present' as const),
      path: fc.constantFrom(
        { attribute: 'displayName' },
        { attribute: 'externalId' },
        { attribute: 'title' },
        { attribute: 'emails' },
      ),
    });
    const emailFilter = fc.record({
      kind: fc.constant('valuePath' as const),
      path: fc.constant({ attribute: 'emails' }),
      filter: fc.oneof(
        fc.record({
          kind: fc.constant('comparison' as const),
          path: fc.constant({ attribute: 'value' }),
          operator: fc.constantFrom('eq', 'sw', 'co' as const),
          value: text,
        }),
        fc.record({
          kind: fc.constant('and' as const),
          left: fc.record({
            kind: fc.constant('comparison' as const),
            path: fc.constant({ attribute: 'type' }),
            operator: fc.constant('eq' as const),
            value: fc.constantFrom('work', 'home'),
          }),
          right: fc.record({
            kind: fc.constant('comparison' as const),
            path: fc.constant({ attribute: 'value' }),
            operator: fc.constantFrom('eq', 'ew' as const),
            value: text,
          }),
        }),
      ),
    });
    const { filter } = fc.letrec<{ filter: FilterNode }>((tie) => ({
      filter: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        comparison as fc.Arbitrary<FilterNode>,
        present as fc.Arbitrary<FilterNode>,
        emailFilter as fc.Arbitrary<FilterNode>,
        fc.record({
          kind: fc.constantFrom('and', 'or' as const),
          left: tie('filter'),
          right: tie('filter'),
        }) as fc.Arbitrary<FilterNode>,
        fc.record({ kind: fc.constant('not' as const), filter: tie('filter') }) as fc.Arbitrary<FilterNode>,
      ),
    }));
    const sortBy = fc.constantFrom<SortBy>(
      undefined,
      'userName',
      'displayName',
      'externalId',
      'id',
      'meta.created',
      'meta.lastModified',
    );

    await fc.assert(
      fc.asyncProperty(
        filter,
        sortBy,
        fc.boolean(),
        fc.nat(95),
        fc.nat(40),
        async (node, sort, descending, start, count) => {
          const want = expected(node, sort, descending);
          for (const target of [hub, smallPages]) {
            const result = await search(target, node, sort, descending, start + 1, count);
            const label = `${formatFilter(node)} sortBy ${sort ?? 'id'} ${descending ? 'desc' : 'asc'}`;
            expect([label, result.totalResults]).toEqual([label, want.length]);
            expect([label, result.objects.map((o) => o.id)]).toEqual([
              label,
              want.slice(start, start + count).map((o) => o.id),
            ]);
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);
});
