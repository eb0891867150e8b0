import { describe, expect, it } from '@jest/globals';
import { ScimError } from '../errors/scim-error.js';
import type { FilterNode } from './filter-ast.js';
import { and, eq, not, or, pr, valuePath } from './filter-builders.js';
import { formatFilter, formatFilterLiteral } from './format-filter.js';
import { parseFilter } from './parse-filter.js';

describe('formatFilter', () => {
  it.each([
    ['a pr or b pr and c pr', 'a pr or b pr and c pr'],
    ['(a pr or b pr) and c pr', '(a pr or b pr) and c pr'],
    ['a pr and (b pr or c pr)', 'a pr and (b pr or c pr)'],
    ['a pr and (b pr and c pr)', 'a pr and (b pr and c pr)'],
    ['(a pr and b pr) and c pr', 'a pr and b pr and c pr'],
    ['((a pr)) or ((b pr and c pr))', 'a pr or b pr and c pr'],
    ['a pr or (b pr or c pr)', 'a pr or (b pr or c pr)'],
    ['NOT (a pr AND b pr) Or c PR', 'not (a pr and b pr) or c pr'],
    ['not ((a pr))', 'not (a pr)'],
    [
      'emails[(type eq "work") and (value co "@x.org" or value co "@y.org")]',
      'emails[type eq "work" and (value co "@x.org" or value co "@y.org")]',
    ],
    [
      'x eq 1.50 and y eq -2E3 and z eq TRUE and w eq Null',
      'x eq 1.5 and y eq -2000 and z eq true and w eq null',
    ],
  ])('writes %j with minimal parentheses as %j', (input, expected) => {
    const parsed = parseFilter(input);
    const formatted = formatFilter(parsed);
    expect(formatted).toBe(expected);
    expect(parseFilter(formatted)).toEqual(parsed);
  });

  it('escapes every string, so data cannot change the structure', () => {
    const value = 'x" or userName pr or userName eq "y\\\n\u0001';
    const text = formatFilter(eq('userName', value));
    expect(text).toBe('userName eq "x\\" or userName pr or userName eq \\"y\\\\\\n\\u0001"');
    expect(parseFilter(text)).toEqual({
      kind: 'comparison',
      path: { attribute: 'userName' },
      operator: 'eq',
      value,
    });
  });

  it('writes numbers so that they read back identically', () => {
    for (const number of [0, -0, 1e21, 5e-324, -1.5, 0.1, 123456789012345680000, Number.MAX_SAFE_INTEGER]) {
      const parsed = parseFilter(`x eq ${formatFilterLiteral(number)}`) as { value: number };
      expect(Object.is(parsed.value, number)).toBe(true);
    }
  });

  it('refuses what cannot be written', () => {
    expect(() => formatFilter(eq('x', Number.NaN))).toThrow(ScimError);
    expect(() => formatFilter(eq('x', Infinity))).toThrow(/cannot be written/);
    expect(() => formatFilter({ kind: 'present', path: { attribute: 'user name' } })).toThrow(
      /not an attribute name/,
    );
    expect(() => formatFilter({ kind: 'present', path: { attribute: 'x', schema: 'urn:a b' } })).toThrow(
      /cannot prefix/,
    );
    expect(() => formatFilter({ kind: 'present', path: { attribute: 'x', schema: 'acme' } })).toThrow(
      /starts with "urn:"/,
    );
    const nested: FilterNode = valuePath('emails', valuePath('x', pr('y')));
    expect(() => formatFilter(nested)).toThrow(/cannot be nested/);
    expect(() => formatFilter(eq('x', undefined as unknown as string))).toThrow(/not undefined/);
  });

  it('formats builder output that parses back to the same tree', () => {
    const built = or(
      and(eq('userType', 'Employee'), not(pr('title'))),
      valuePath('emails', eq('type', 'work')),
      eq('active', true),
    );
    const text = formatFilter(built);
    expect(text).toBe(
      'userType eq "Employee" and not (title pr) or emails[type eq "work"] or active eq true',
    );
    expect(parseFilter(text)).toEqual(built);
  });
});
