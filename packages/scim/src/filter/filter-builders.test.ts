import { describe, expect, it } from '@jest/globals';
import {
  and,
  co,
  compare,
  eq,
  ew,
  ge,
  gt,
  le,
  lt,
  ne,
  not,
  or,
  pr,
  sw,
  valuePath,
} from './filter-builders.js';
import { formatFilter } from './format-filter.js';
import { parseFilter } from './parse-filter.js';

describe('filter builders', () => {
  it('build the same trees as the parser', () => {
    const cases: [ReturnType<typeof eq> | ReturnType<typeof and>, string][] = [
      [eq('userName', 'bjensen'), 'userName eq "bjensen"'],
      [ne('active', false), 'active ne false'],
      [co('name.familyName', "O'Malley"), 'name.familyName co "O\'Malley"'],
      [
        sw('urn:ietf:params:scim:schemas:core:2.0:User:userName', 'J'),
        'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
      ],
      [ew('emails.value', '@example.com'), 'emails.value ew "@example.com"'],
      [gt('meta.lastModified', '2011-05-13T04:42:34Z'), 'meta.lastModified gt "2011-05-13T04:42:34Z"'],
      [ge('x', 1), 'x ge 1'],
      [lt('x', -1.5), 'x lt -1.5'],
      [le('x', 0), 'x le 0'],
      [compare('x', 'eq', null), 'x eq null'],
      [and(pr('a'), pr('b'), pr('c')), 'a pr and b pr and c pr'],
      [or(pr('a'), and(pr('b'), pr('c'))), 'a pr or b pr and c pr'],
      [not(or(pr('a'), pr('b'))), 'not (a pr or b pr)'],
      [valuePath('members', eq('value', '2819c223')), 'members[value eq "2819c223"]'],
    ];
    for (const [built, text] of cases) {
      expect(built).toEqual(parseFilter(text));
      expect(formatFilter(built)).toBe(text);
    }
  });

  it('return a single operand of and / or unchanged', () => {
    const only = pr('title');
    expect(and(only)).toBe(only);
    expect(or(only)).toBe(only);
  });

  it('refuse a path that is not an attribute path', () => {
    expect(() => eq('user name', 'x')).toThrow(/"user name" is not an attribute path/);
    expect(() => pr('a pr or b')).toThrow(/not an attribute path/);
  });
});
