import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { FilterParser, EqualityFilter, type SubstringFilter } from 'ldapts';
import { escapeFilterValue } from './escape-filter-value.js';
import { allOf, anyOf, equalTo, isAttributeName, not, parenthesise, substrings } from './ldap-filter.js';

describe('escapeFilterValue (RFC 4515)', () => {
  it('escapes the five characters that carry filter syntax', () => {
    expect(escapeFilterValue('*)(uid=*')).toBe('\\2a\\29\\28uid=\\2a');
    expect(escapeFilterValue('a\\b')).toBe('a\\5cb');
    expect(escapeFilterValue('a\u0000b')).toBe('a\\00b');
  });

  it('leaves other text, also non-ASCII, untouched', () => {
    expect(escapeFilterValue('Jürgen O’Brien & co')).toBe('Jürgen O’Brien & co');
  });

  it('makes any value parse back to itself as one equality assertion', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        const parsed = FilterParser.parseString(equalTo('uid', value));
        expect(parsed).toBeInstanceOf(EqualityFilter);
        expect((parsed as EqualityFilter).value).toBe(value);
      }),
    );
  });
});

describe('filter builders', () => {
  it('escapes each part of a substring match and keeps the wildcards between them', () => {
    const text = substrings('cn', { initial: 'a*', any: ['(b)'], final: '\\' });
    expect(text).toBe('(cn=a\\2a*\\28b\\29*\\5c)');
    const parsed = FilterParser.parseString(text) as SubstringFilter;
    expect(parsed.initial).toBe('a*');
    expect(parsed.any).toEqual(['(b)']);
    expect(parsed.final).toBe('\\');
  });

  it('combines filters, leaving a single operand alone', () => {
    expect(allOf('(a=1)')).toBe('(a=1)');
    expect(allOf('(a=1)', '(b=2)')).toBe('(&(a=1)(b=2))');
    expect(anyOf('(a=1)', '(b=2)')).toBe('(|(a=1)(b=2))');
    expect(not('(a=1)')).toBe('(!(a=1))');
    expect(parenthesise(' objectClass=person ')).toBe('(objectClass=person)');
  });

  it('accepts attribute names with options and refuses filter syntax in names', () => {
    expect(isAttributeName('member;range=0-1499')).toBe(true);
    expect(isAttributeName('2.5.4.3')).toBe(true);
    expect(isAttributeName('uid)(x')).toBe(false);
    expect(isAttributeName('')).toBe(false);
  });
});
