import { describe, expect, it } from '@jest/globals';
import { parseFilter, ScimError } from '@idsync/scim';
import { useSearchDirectory, type SortBy } from '../testing/search-directory.js';
import { DIALECTS } from '../testing/store-test-targets.js';
import { pushDownFilter } from './filter-pushdown.js';

describe.each(DIALECTS)('hub search on %s', (dialect) => {
  const directory = useSearchDirectory(dialect);
  const { search, expected } = directory;

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
      const result = await search(directory.hub, filter, 'userName', false, 2, 2);
      expect(result.totalResults).toBe(want.length);
      expect(result.objects.map((o) => o.id)).toEqual(want.slice(1, 3).map((o) => o.id));
    }
  });

  it('treats LIKE wildcards in values literally', async () => {
    const result = await search(directory.hub, parseFilter('userName sw "b%"'), 'userName', false);
    expect(result.objects.length).toBeGreaterThan(0);
    for (const object of result.objects)
      expect((object.resource.userName as string).startsWith('b%')).toBe(true);
    expect(
      (await search(directory.hub, parseFilter('userName co "_"'), undefined, false)).objects.every((o) =>
        (o.resource.userName as string).includes('_'),
      ),
    ).toBe(true);
  });

  it('fills the groups attribute before evaluating, so groups can be filtered on', async () => {
    const member = directory.all[0]!;
    const group = await directory.hub.create('Group', directory.populationId, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Searchers',
      members: [{ value: member.id }],
    });
    const result = await search(
      directory.hub,
      parseFilter(`groups.value eq "${group.id}"`),
      undefined,
      false,
    );
    expect(result.objects.map((o) => o.id)).toEqual([member.id]);
    await directory.hub.delete('Group', group.id);
  });

  it('refuses a sortBy it cannot sort by, and bad filters as the evaluator does', async () => {
    const sortError = await search(directory.hub, undefined, 'name.familyName' as SortBy, false).catch(
      (e: unknown) => e,
    );
    expect(sortError).toBeInstanceOf(ScimError);
    expect((sortError as ScimError).detail).toContain('name.familyName');
    const filterError = await search(directory.hub, parseFilter('active gt true'), undefined, false).catch(
      (e: unknown) => e,
    );
    expect((filterError as ScimError).scimType).toBe('invalidFilter');
    const dateError = await search(
      directory.hub,
      parseFilter('meta.lastModified gt "yesterday"'),
      undefined,
      false,
    ).catch((e: unknown) => e);
    expect((dateError as ScimError).scimType).toBe('invalidFilter');
  });
});
