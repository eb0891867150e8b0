import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatFilter, parseFilter, type FilterNode } from '@idsync/scim';
import {
  DISPLAY_NAMES,
  EMAILS,
  FRAGMENTS,
  TITLES,
  useSearchDirectory,
  type SortBy,
} from '../testing/search-directory.js';
import { DIALECTS } from '../testing/store-test-targets.js';
import { pushDownFilter } from './filter-pushdown.js';

describe.each(DIALECTS)('hub search against the SCIM evaluator on %s', (dialect) => {
  const directory = useSearchDirectory(dialect);
  const { search, expected } = directory;

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
      directory.all[5]!.id,
      directory.all[5]!.id.slice(0, 6),
    ];
    for (const attribute of attributes) {
      for (const operator of ['eq', 'sw', 'ew', 'co']) {
        for (const value of values) {
          const node = parseFilter(`${attribute} ${operator} ${JSON.stringify(value)}`);
          expect(pushDownFilter(node, 'User').exact).toBe(true);
          const want = expected(node, 'userName', false).map((o) => o.id);
          const result = await search(directory.hub, node, 'userName', false);
          expect([formatFilter(node), result.totalResults, result.objects.map((o) => o.id)]).toEqual([
            formatFilter(node),
            want.length,
            want,
          ]);
        }
      }
      const presence = parseFilter(`${attribute} pr`);
      const want = expected(presence, undefined, false).map((o) => o.id);
      expect([
        attribute,
        (await search(directory.hub, presence, undefined, false)).objects.map((o) => o.id),
      ]).toEqual([attribute, want]);
    }
  });

  it('agrees with the SCIM evaluator on random filters, sorts and pages', async () => {
    const ids = directory.all.map((o) => o.id);
    const instants = directory.all.map((o) => o.updatedAt);
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
          for (const target of [directory.hub, directory.smallPages]) {
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
