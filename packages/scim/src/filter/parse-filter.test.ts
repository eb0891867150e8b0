import { describe, expect, it } from '@jest/globals';
import { ScimError } from '../errors/scim-error.js';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../schema/urns.js';
import type { FilterNode } from './filter-ast.js';
import { FilterSyntaxError } from './filter-syntax-error.js';
import { parseFilter } from './parse-filter.js';

const path = (attribute: string, subAttribute?: string, schema?: string) => ({
  ...(schema ? { schema } : {}),
  attribute,
  ...(subAttribute ? { subAttribute } : {}),
});
const pr = (attribute: string): FilterNode => ({ kind: 'present', path: path(attribute) });

function syntaxError(text: string, options?: Parameters<typeof parseFilter>[1]): FilterSyntaxError {
  try {
    parseFilter(text, options);
  } catch (error) {
    if (error instanceof FilterSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected "${text}" to be refused`);
}

describe('parseFilter: grammar', () => {
  it('reads a comparison with the operator lower-cased and the name as written', () => {
    expect(parseFilter('userName Eq "bjensen"')).toEqual({
      kind: 'comparison',
      path: path('userName'),
      operator: 'eq',
      value: 'bjensen',
    });
  });

  it('reads every comparison operator in any case, and pr', () => {
    for (const operator of ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const) {
      expect(parseFilter(`title ${operator.toUpperCase()} "x"`)).toMatchObject({ operator });
    }
    expect(parseFilter('title PR')).toEqual(pr('title'));
  });

  it('gives not precedence over and, and and over or', () => {
    expect(parseFilter('a pr or b pr and c pr')).toEqual({
      kind: 'or',
      left: pr('a'),
      right: { kind: 'and', left: pr('b'), right: pr('c') },
    });
    expect(parseFilter('a pr and b pr or c pr')).toEqual({
      kind: 'or',
      left: { kind: 'and', left: pr('a'), right: pr('b') },
      right: pr('c'),
    });
    expect(parseFilter('not (a pr) and b pr')).toEqual({
      kind: 'and',
      left: { kind: 'not', filter: pr('a') },
      right: pr('b'),
    });
  });

  it('builds chains left-associative and lets parentheses override precedence', () => {
    expect(parseFilter('a pr and b pr and c pr')).toEqual({
      kind: 'and',
      left: { kind: 'and', left: pr('a'), right: pr('b') },
      right: pr('c'),
    });
    expect(parseFilter('(a pr or b pr) and c pr')).toEqual({
      kind: 'and',
      left: { kind: 'or', left: pr('a'), right: pr('b') },
      right: pr('c'),
    });
    expect(parseFilter('((a pr))')).toEqual(pr('a'));
  });

  it('reads not in any case, with or without a space before the parenthesis', () => {
    expect(parseFilter('NOT(a pr)')).toEqual({ kind: 'not', filter: pr('a') });
    expect(parseFilter('not (not (a pr))')).toEqual({
      kind: 'not',
      filter: { kind: 'not', filter: pr('a') },
    });
  });

  it('reads value filters with logic, parentheses and not inside (errata 7322)', () => {
    expect(parseFilter('emails[type eq "work" and value co "@x.org"]')).toEqual({
      kind: 'valuePath',
      path: path('emails'),
      filter: {
        kind: 'and',
        left: { kind: 'comparison', path: path('type'), operator: 'eq', value: 'work' },
        right: { kind: 'comparison', path: path('value'), operator: 'co', value: '@x.org' },
      },
    });
    const nested = parseFilter('emails[type eq "work" or not (type eq "home" and value ew "@example.com")]');
    expect(nested).toMatchObject({ kind: 'valuePath', filter: { kind: 'or', right: { kind: 'not' } } });
  });

  it('reads sub-attributes and URN-qualified paths', () => {
    expect(parseFilter('name.familyName co "O\'Malley"')).toMatchObject({ path: path('name', 'familyName') });
    expect(parseFilter(`${USER_SCHEMA}:name.familyName pr`)).toEqual({
      kind: 'present',
      path: path('name', 'familyName', USER_SCHEMA),
    });
    expect(parseFilter(`${ENTERPRISE_USER_SCHEMA}:manager.value eq "x"`)).toMatchObject({
      path: path('manager', 'value', ENTERPRISE_USER_SCHEMA),
    });
    expect(parseFilter('urn:acme.example:idsync:hr-2024:badgeNumber gt 5')).toMatchObject({
      path: path('badgeNumber', undefined, 'urn:acme.example:idsync:hr-2024'),
    });
    expect(parseFilter(`${ENTERPRISE_USER_SCHEMA}:manager[value eq "x"]`)).toMatchObject({
      kind: 'valuePath',
      path: path('manager', undefined, ENTERPRISE_USER_SCHEMA),
    });
  });

  it('returns a known schema URN as registered and keeps URNs with parentheses whole', () => {
    const known = ['urn:Acme:Ext(v2)'];
    expect(parseFilter('URN:ACME:EXT(V2):level ge 3', { knownSchemas: known })).toMatchObject({
      path: path('level', undefined, 'urn:Acme:Ext(v2)'),
      operator: 'ge',
      value: 3,
    });
    expect(parseFilter(`${USER_SCHEMA.toUpperCase()}:userName pr`, { knownSchemas: [USER_SCHEMA] })).toEqual({
      kind: 'present',
      path: path('userName', undefined, USER_SCHEMA),
    });
  });

  it('decodes JSON strings with every escape', () => {
    const value = (literal: string) => (parseFilter(`x eq ${literal}`) as { value: unknown }).value;
    expect(value('"a\\"b\\\\c\\/d"')).toBe('a"b\\c/d');
    expect(value('"\\b\\f\\n\\r\\t"')).toBe('\b\f\n\r\t');
    expect(value('"caf\\u00e9 \\u00C9"')).toBe('café É');
    expect(value('"\\ud83d\\ude00"')).toBe('😀');
    expect(value('"😀 ü"')).toBe('😀 ü');
    expect(value('""')).toBe('');
    expect(value('"2011-05-13T04:42:34Z"')).toBe('2011-05-13T04:42:34Z');
  });

  it('reads JSON numbers and true / false / null in any case', () => {
    const value = (literal: string) => (parseFilter(`x eq ${literal}`) as { value: unknown }).value;
    expect(value('42')).toBe(42);
    expect(value('-7')).toBe(-7);
    expect(value('0')).toBe(0);
    expect(value('3.25')).toBe(3.25);
    expect(value('-1.5e3')).toBe(-1500);
    expect(value('2E-2')).toBe(0.02);
    expect(value('TRUE')).toBe(true);
    expect(value('False')).toBe(false);
    expect(value('NULL')).toBeNull();
  });

  it('lets keywords be attribute names where an attribute is expected', () => {
    expect(parseFilter('not pr')).toEqual(pr('not'));
    expect(parseFilter('and eq 1 and or pr')).toEqual({
      kind: 'and',
      left: { kind: 'comparison', path: path('and'), operator: 'eq', value: 1 },
      right: pr('or'),
    });
    expect(parseFilter('pr pr or true eq true')).toMatchObject({ kind: 'or', left: pr('pr') });
    expect(parseFilter('not[value eq 1]')).toMatchObject({ kind: 'valuePath', path: path('not') });
  });

  it('accepts any run of whitespace between tokens, and none next to brackets', () => {
    expect(parseFilter('  a pr\tand\n\r b pr  ')).toEqual({ kind: 'and', left: pr('a'), right: pr('b') });
    expect(parseFilter('(a pr)and(b pr)')).toEqual({ kind: 'and', left: pr('a'), right: pr('b') });
    expect(parseFilter('$ref eq "x"')).toMatchObject({ path: path('$ref') });
  });
});

describe('parseFilter: errors', () => {
  it('says what was expected where, with a caret under the spot', () => {
    const error = syntaxError('userName');
    expect(error).toBeInstanceOf(ScimError);
    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidFilter');
    expect(error.position).toBe(9);
    expect(error.detail).toBe(
      'expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le), "pr" or "[" after "userName", ' +
        'found the end of the text at position 9:\n  userName\n          ^',
    );
  });

  it.each([
    ['userName xx "x"', 10, /comparison operator .* after "userName", found "xx"/],
    ['userName eq', 12, /expected a value .* after "eq", found the end of the text/],
    ['userName eq "bjensen', 13, /unterminated string/],
    ["userName eq 'bjensen'", 13, /strings must be in double quotes/],
    ['userName eq bjensen', 13, /expected a value .* found "bjensen"/],
    ['userName eq 01', 13, /expected a value/],
    ['x eq 1e999', 6, /out of range/],
    ['userName eq "x" foo', 17, /expected "and", "or" or the end of the text, found "foo"/],
    ['(userName eq "x"', 17, /expected "\)" to close the "\(" at position 1, found the end/],
    ['(a pr b pr)', 7, /expected "and", "or" or "\)" to close the "\(" at position 1, found "b"/],
    ['emails[type eq "work"', 22, /expected "\]" to close the "\[" at position 7/],
    ['emails[]', 8, /expected an attribute path, "\(" or "not \(", found "\]"/],
    ['a pr and', 9, /expected an attribute path/],
    [') a pr', 1, /expected an attribute path/],
    ['not userName eq "x"', 5, /"not" must be followed by a filter in parentheses/],
    ['1abc eq 1', 1, /"1abc" is not an attribute path/],
    ['urn:userName eq "x"', 1, /has no schema URN before the attribute name/],
    ['a pr or urn::b pr', 9, /has no schema URN/],
    ['name.given.x pr', 1, /is not an attribute path/],
    ['name.givenName[value eq 1]', 1, /not to the sub-attribute "name.givenName"/],
    [
      'emails[type eq "a" and x[y eq 1]]',
      24,
      /value filters cannot be nested: "x\[" is inside the value filter of "emails" that opens at position 7/,
    ],
    ['emails[type eq "work"].value eq "x"', 23, /allowed only in PATCH paths/],
    ['x eq "a\\qb"', 8, /invalid escape "\\q"/],
    ['x eq "\\u12G4"', 7, /four hexadecimal digits/],
    ['x eq "a\nb"', 8, /control character U\+000A must be escaped/],
    ['   ', 4, /the filter is empty/],
    ['', 1, /the filter is empty/],
  ])('refuses %j at position %i', (text, position, reason) => {
    const error = syntaxError(text);
    expect(error.scimType).toBe('invalidFilter');
    expect(error.position).toBe(position);
    expect(error.reason).toMatch(reason);
    expect(error.detail).toContain(`at position ${position}:\n`);
  });

  it('refuses a value that is not text with invalidFilter', () => {
    expect(syntaxError(42 as unknown as string).reason).toBe('expected text, got number');
  });

  it('refuses a bare known schema URN as a path', () => {
    const error = syntaxError(`${ENTERPRISE_USER_SCHEMA} pr`, { knownSchemas: [ENTERPRISE_USER_SCHEMA] });
    expect(error.reason).toMatch(/names a schema, not an attribute/);
  });

  it('shows a window of a long filter with the caret under the offending token', () => {
    const text = `${'a pr and '.repeat(20)}b zz 1`;
    const error = syntaxError(text);
    const [, shown, caret] = error.detail.split('\n');
    expect(shown?.startsWith('  …')).toBe(true);
    expect(caret?.indexOf('^')).toBe(shown?.indexOf('zz'));
  });

  it('refuses text longer than maxLength before reading it', () => {
    const text = `userName eq "${'x'.repeat(100)}"`;
    expect(syntaxError(text, { maxLength: 50 }).reason).toMatch(
      /114 characters long, more than the limit of 50/,
    );
    expect(parseFilter(text, { maxLength: 200 })).toMatchObject({ value: 'x'.repeat(100) });
  });

  it('refuses nesting deeper than maxDepth with invalidFilter instead of overflowing the stack', () => {
    const deep = `${'('.repeat(50000)}a pr${')'.repeat(50000)}`;
    const error = syntaxError(deep, { maxLength: 200000 });
    expect(error.reason).toMatch(/more than 32 levels deep/);
    expect(error.position).toBe(33);
    expect(syntaxError('not (not (not (a pr)))', { maxDepth: 2 }).position).toBe(15);
    expect(parseFilter(`${'('.repeat(32)}a pr${')'.repeat(32)}`)).toEqual(pr('a'));
  });

  it('parses a long and/or chain without deep recursion', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `members[value eq "${i}"]`).join(' or ');
    let node = parseFilter(text, { maxLength: 100000 });
    let operands = 1;
    while (node.kind === 'or') {
      operands++;
      node = node.left;
    }
    expect(operands).toBe(3000);
  });
});
