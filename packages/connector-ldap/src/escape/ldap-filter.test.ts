import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { FilterParser, EqualityFilter, type AndFilter, type SubstringFilter } from 'ldapts';
import { escapeFilterValue } from './escape-filter-value.js';
import {
  allOf,
  anyOf,
  binaryEqualTo,
  equalTo,
  isAttributeName,
  not,
  parenthesise,
  substrings,
} from './ldap-filter.js';
import { toWireFilter } from './wire-filter.js';

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

describe('binary assertion values', () => {
  it('escapes every byte as \\hh (RFC 4515), so no raw byte is left in the text', () => {
    expect(binaryEqualTo('objectGUID', Uint8Array.from([0x00, 0x2a, 0x28, 0xff]))).toBe(
      '(objectGUID=\\00\\2a\\28\\ff)',
    );
  });

  it('goes back to exactly those bytes on the wire for binary attributes only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 32 }), (bytes) => {
        const wire = toWireFilter(`(&(cn=Jürgen)${binaryEqualTo('objectGUID', bytes)})`, ['objectGUID']);
        const [text, binary] = (wire as AndFilter).filters as [EqualityFilter, EqualityFilter];
        expect(text.value).toBe('Jürgen');
        expect(Buffer.isBuffer(binary.value)).toBe(true);
        expect([...(binary.value as Buffer)]).toEqual([...bytes]);
      }),
    );
    // Without binary attributes the text goes to ldapts unchanged.
    expect(toWireFilter('(cn=x)', [])).toBe('(cn=x)');
    expect(toWireFilter('(cn=x)', ['objectGUID'])).toBe('(cn=x)');
  });
});
