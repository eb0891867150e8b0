import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  filter as oracleMatcher,
  parse as oracleParse,
  type Filter as OracleFilter,
} from 'scim2-parse-filter';
import { formatAttributePath } from '../schema/attribute-path.js';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../schema/urns.js';
import { matchesFilter } from './compile-filter.js';
import type { FilterNode } from './filter-ast.js';
import { formatFilter } from './format-filter.js';
import { parseFilter } from './parse-filter.js';
import { filterArbitrary } from './test-fixtures/filter-arbitraries.js';
import { userContext } from './test-fixtures/filter-test-registry.js';

/*
 * npm scim2-parse-filter as an oracle for the parser. Its AST has n-ary and/or and text paths;
 * both ASTs are brought to one shape: paths as text, and/or chains flattened (they are
 * associative, so grouping of equal operators does not change meaning).
 */
type Normal =
  | { op: 'and' | 'or'; filters: Normal[] }
  | { op: 'not'; filter: Normal }
  | { op: '[]'; attrPath: string; valFilter: Normal }
  | { op: string; attrPath: string; compValue?: unknown };

function flattenInto(op: 'and' | 'or', items: Normal[]): Normal[] {
  return items.flatMap((item) => (item.op === op ? (item as { filters: Normal[] }).filters : [item]));
}

function normaliseOurs(node: FilterNode): Normal {
  switch (node.kind) {
    case 'and':
    case 'or':
      return {
        op: node.kind,
        filters: flattenInto(node.kind, [normaliseOurs(node.left), normaliseOurs(node.right)]),
      };
    case 'not':
      return { op: 'not', filter: normaliseOurs(node.filter) };
    case 'valuePath':
      return { op: '[]', attrPath: formatAttributePath(node.path), valFilter: normaliseOurs(node.filter) };
    case 'present':
      return { op: 'pr', attrPath: formatAttributePath(node.path) };
    case 'comparison':
      return { op: node.operator, attrPath: formatAttributePath(node.path), compValue: node.value };
  }
}

function normaliseOracle(node: OracleFilter): Normal {
  switch (node.op) {
    case 'and':
    case 'or': {
      const op = node.op;
      return {
        op,
        filters: flattenInto(op, (node as { filters: OracleFilter[] }).filters.map(normaliseOracle)),
      };
    }
    case 'not':
      return { op: 'not', filter: normaliseOracle((node as { filter: OracleFilter }).filter) };
    case '[]': {
      const valuePath = node as { attrPath: string; valFilter: OracleFilter };
      return { op: '[]', attrPath: valuePath.attrPath, valFilter: normaliseOracle(valuePath.valFilter) };
    }
    case 'pr':
      return { op: 'pr', attrPath: (node as { attrPath: string }).attrPath };
    default: {
      const comparison = node as { op: string; attrPath: string; compValue: unknown };
      return { op: comparison.op, attrPath: comparison.attrPath, compValue: comparison.compValue };
    }
  }
}

const RFC_EXAMPLES = [
  'userName eq "bjensen"',
  'name.familyName co "O\'Malley"',
  'userName sw "J"',
  'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
  'title pr',
  'meta.lastModified gt "2011-05-13T04:42:34Z"',
  'meta.lastModified ge "2011-05-13T04:42:34Z"',
  'meta.lastModified lt "2011-05-13T04:42:34Z"',
  'meta.lastModified le "2011-05-13T04:42:34Z"',
  'title pr and userType eq "Employee"',
  'title pr or userType eq "Intern"',
  'schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"',
  'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
  'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
  'userType eq "Employee" and (emails.type eq "work")',
  'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
  'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
  // Not in figure 2: precedence, case and not forms.
  'a pr or b pr and c pr',
  'NOT (a pr) AND b Eq 1.5e3 OR c LE 7',
  'emails[type eq "work" or not (type eq "home" and value ew "@example.com")]',
];

/**
 * Literals both parsers read alike: the oracle decodes no JSON escape but \", and its number
 * token fails on a minus sign or an exponent ("-5 ", "1e+21)"), so numbers here are plain.
 */
const oracleSafeLiteral = fc.oneof(
  fc.string({ maxLength: 10 }).filter((s) => [...s].every((c) => c !== '\\' && c >= ' ')),
  fc.nat(),
  fc.nat({ max: 100000 }).map((n) => n / 8),
  fc.boolean(),
  fc.constant(null),
);

describe('parser cross-checked with scim2-parse-filter', () => {
  it.each(RFC_EXAMPLES)('reads %s as the oracle does', (text) => {
    expect(normaliseOurs(parseFilter(text))).toEqual(normaliseOracle(oracleParse(text)));
  });

  it('reads random filters as the oracle does', () => {
    const filters = filterArbitrary({
      keywordNames: false,
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      literal: oracleSafeLiteral,
    });
    fc.assert(
      fc.property(filters, (node) => {
        const text = formatFilter(node);
        expect(normaliseOurs(parseFilter(text))).toEqual(normaliseOracle(oracleParse(text)));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses where the oracle is lenient: nested value filters (RFC 7644 errata 4690)', () => {
    const text = 'emails[type eq "work" and x[y pr]]';
    expect(() => oracleParse(text)).not.toThrow();
    expect(() => parseFilter(text)).toThrow(/value filters cannot be nested/);
  });

  it('reads what the oracle mis-reads: JSON escapes, negative numbers, upper-case literals', () => {
    expect(oracleParse('x eq "a\\nb"')).toMatchObject({ compValue: 'a\\nb' });
    expect(parseFilter('x eq "a\\nb"')).toMatchObject({ value: 'a\nb' });
    expect(() => oracleParse('x eq -5 and y pr')).toThrow();
    expect(parseFilter('x eq -5 and y pr')).toMatchObject({ kind: 'and', left: { value: -5 } });
    expect(() => oracleParse('active eq TRUE')).toThrow();
    expect(parseFilter('active eq TRUE')).toMatchObject({ value: true });
  });
});

describe('where the oracle matcher diverges from RFC 7644, our evaluator is right', () => {
  const user = {
    schemas: [USER_SCHEMA],
    userName: 'bjensen',
    title: '',
    nickName: null,
    emails: [{ value: 'bjensen@example.com', type: 'work' }],
    meta: { lastModified: '2011-05-13T04:42:34Z' },
    active: true,
  };
  const both = (text: string) => ({
    oracle: oracleMatcher(oracleParse(text))(user),
    ours: matchesFilter(user, text, userContext),
  });

  it('userName is caseExact false: upper case matches (the oracle compares case-sensitively)', () => {
    expect(both('userName eq "BJENSEN"')).toEqual({ oracle: false, ours: true });
  });

  it('a URN-qualified core attribute is the top-level attribute (the oracle looks for a key named by the URN)', () => {
    expect(both(`${USER_SCHEMA}:userName eq "bjensen"`)).toEqual({ oracle: false, ours: true });
  });

  it('a complex attribute without sub-attribute compares its value (RFC 7644 §3.10)', () => {
    expect(both('emails co "example.com"')).toEqual({ oracle: false, ours: true });
  });

  it('dateTime compares instants, not text', () => {
    expect(both('meta.lastModified eq "2011-05-13T06:42:34+02:00"')).toEqual({ oracle: false, ours: true });
  });

  it('an empty string or null is not present (RFC 7644 §3.4.2.2 pr)', () => {
    expect(both('title pr')).toEqual({ oracle: true, ours: false });
    expect(both('nickName pr')).toEqual({ oracle: true, ours: false });
  });

  it('gt on a boolean is a 400 invalidFilter, not a comparison', () => {
    expect(oracleMatcher(oracleParse('active gt false'))(user)).toBe(true);
    expect(() => matchesFilter(user, 'active gt false', userContext)).toThrow(/only eq, ne and pr apply/);
  });
});
