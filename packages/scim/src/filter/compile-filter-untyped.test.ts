import { describe, expect, it } from '@jest/globals';
import { ScimError } from '../errors/scim-error.js';
import { compileFilter, matchesFilter } from './compile-filter.js';

/** Data without a schema: types come from the JSON values, strings compare without case. */
const person = {
  schemas: ['urn:example:core:Person', 'urn:example:ext:Hr'],
  UserName: 'BJensen',
  age: 41,
  rating: 4.5,
  active: true,
  tags: ['Blue', 'green'],
  emails: [
    { value: 'bjensen@example.com', type: 'work' },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  manager: { value: 'M-1', displayName: 'Boss' },
  updated: '2011-05-13T04:42:34Z',
  code: '2011-05-13',
  'urn:example:ext:Hr': { costCenter: 'CC-7', level: 3 },
};

const matches = (filter: string, resource: object = person) => matchesFilter(resource, filter);

describe('compileFilter without a schema', () => {
  it('compares strings case-insensitively and names case-insensitively', () => {
    expect(matches('username eq "bjensen"')).toBe(true);
    expect(matches('USERNAME sw "BJ"')).toBe(true);
    expect(matches('userName gt "bj"')).toBe(true);
    expect(matches('userName ne "BJENSEN"')).toBe(false);
  });

  it('compares numbers numerically and booleans with eq / ne', () => {
    expect(matches('age gt 40 and age lt 42')).toBe(true);
    expect(matches('rating ge 4.5')).toBe(true);
    expect(matches('age eq "41"')).toBe(false);
    expect(matches('active eq true')).toBe(true);
    expect(matches('active ne false')).toBe(true);
    expect(matches('active eq "true"')).toBe(false);
    expect(() => compileFilter('active gt true')).toThrow(ScimError);
    expect(() => compileFilter('age co 4')).toThrow(/co, sw and ew do not apply/);
  });

  it('compares full timestamps as instants and other strings as text', () => {
    expect(matches('updated eq "2011-05-13T06:42:34+02:00"')).toBe(true);
    expect(matches('updated lt "2011-05-13T05:00:00+00:30"')).toBe(false);
    expect(matches('updated gt "2011-05-13T04:42:33Z"')).toBe(true);
    // "2011-05-13" has no time, so it is an ordinary string here.
    expect(matches('code eq "2011-05-13T00:00:00Z"')).toBe(false);
    expect(matches('code eq "2011-05-13"')).toBe(true);
    expect(matches('userName lt "2011-05-13T00:00:00Z"')).toBe(false);
  });

  it('matches any value of an array and compares objects by their value', () => {
    expect(matches('tags eq "GREEN"')).toBe(true);
    expect(matches('emails co "jensen.org"')).toBe(true);
    expect(matches('emails.type eq "home"')).toBe(true);
    expect(matches('manager eq "m-1"')).toBe(true);
    expect(matches('emails[type eq "work" and value ew "example.com"]')).toBe(true);
    expect(matches('emails[type eq "home" and value ew "example.com"]')).toBe(false);
  });

  it('reads URN-qualified names under the URN key, or at the top level for a URN the resource lists', () => {
    expect(matches('urn:example:ext:Hr:costCenter eq "cc-7"')).toBe(true);
    expect(matches('URN:EXAMPLE:EXT:HR:level ge 3')).toBe(true);
    expect(matches('urn:example:core:Person:userName eq "bjensen"')).toBe(true);
    expect(matches('urn:example:other:userName eq "bjensen"')).toBe(false);
    // Unqualified names fall back to extension objects.
    expect(matches('costCenter eq "CC-7"')).toBe(true);
  });

  it('applies the same presence rules and unknown-attribute rule', () => {
    expect(matches('nickName pr')).toBe(false);
    expect(matches('not (nickName eq "x")')).toBe(true);
    expect(matches('tags pr and manager pr')).toBe(true);
    expect(matches('x pr', { x: [null, ''] })).toBe(false);
    expect(matches('x eq null', { x: {} })).toBe(true);
  });

  it('compiles once for many resources', () => {
    const predicate = compileFilter('age ge 18 and emails[type eq "work"]');
    const people = [person, { ...person, age: 17 }, { ...person, emails: [{ value: 'x', type: 'home' }] }];
    expect(people.map(predicate)).toEqual([true, false, false]);
  });
});
