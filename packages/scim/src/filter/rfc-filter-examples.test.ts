import { describe, expect, it } from '@jest/globals';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../schema/urns.js';
import { compileFilter } from './compile-filter.js';
import { formatFilter } from './format-filter.js';
import { parseFilter } from './parse-filter.js';
import { userContext } from './test-fixtures/filter-test-registry.js';

const user = (attributes: Record<string, unknown>): Record<string, unknown> => ({
  schemas: [USER_SCHEMA],
  ...attributes,
});

/**
 * Every filter of RFC 7644 §3.4.2.2 figure 2, each with a user it must match and one it must
 * not, chosen so that the difference is exactly what the filter tests.
 */
const EXAMPLES: readonly {
  filter: string;
  /** The formatter's text when it differs: it drops parentheses that precedence makes redundant. */
  formatted?: string;
  matching: Record<string, unknown>;
  notMatching: Record<string, unknown>;
}[] = [
  {
    filter: 'userName eq "bjensen"',
    matching: user({ userName: 'BJensen' }),
    notMatching: user({ userName: 'bjensen2' }),
  },
  {
    filter: 'name.familyName co "O\'Malley"',
    matching: user({ name: { familyName: "Barbara o'malley-Jensen" } }),
    notMatching: user({ name: { familyName: 'OMalley' } }),
  },
  {
    filter: 'userName sw "J"',
    matching: user({ userName: 'jsmith' }),
    notMatching: user({ userName: 'ajones' }),
  },
  {
    filter: 'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
    matching: user({ userName: 'Jane' }),
    notMatching: user({ userName: 'Ann J' }),
  },
  { filter: 'title pr', matching: user({ title: 'Tour Guide' }), notMatching: user({ title: '' }) },
  {
    filter: 'meta.lastModified gt "2011-05-13T04:42:34Z"',
    matching: user({ meta: { lastModified: '2011-05-13T04:42:35Z' } }),
    notMatching: user({ meta: { lastModified: '2011-05-13T06:42:34+02:00' } }),
  },
  {
    filter: 'meta.lastModified ge "2011-05-13T04:42:34Z"',
    matching: user({ meta: { lastModified: '2011-05-13T06:42:34+02:00' } }),
    notMatching: user({ meta: { lastModified: '2011-05-13T04:42:33.9Z' } }),
  },
  {
    filter: 'meta.lastModified lt "2011-05-13T04:42:34Z"',
    matching: user({ meta: { lastModified: '2011-05-13T04:42:34+00:01' } }),
    notMatching: user({ meta: { lastModified: '2011-05-13T04:42:34Z' } }),
  },
  {
    filter: 'meta.lastModified le "2011-05-13T04:42:34Z"',
    matching: user({ meta: { lastModified: '2011-05-13T04:42:34.000Z' } }),
    notMatching: user({ meta: { lastModified: '2011-05-13T04:42:34.001Z' } }),
  },
  {
    filter: 'title pr and userType eq "Employee"',
    matching: user({ title: 'Guide', userType: 'employee' }),
    notMatching: user({ userType: 'Employee' }),
  },
  {
    filter: 'title pr or userType eq "Intern"',
    matching: user({ userType: 'INTERN' }),
    notMatching: user({ title: null, userType: 'Employee' }),
  },
  {
    filter: 'schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"',
    matching: { schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] },
    notMatching: user({ [ENTERPRISE_USER_SCHEMA]: { department: 'x' } }),
  },
  {
    filter: 'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    matching: user({ userType: 'Employee', emails: [{ value: 'b@EXAMPLE.ORG' }] }),
    notMatching: user({ userType: 'Employee', emails: [{ value: 'b@example.net', type: 'example.com' }] }),
  },
  {
    filter: 'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
    matching: user({ userType: 'Contractor', emails: [{ value: 'b@example.net' }] }),
    notMatching: user({ userType: 'Contractor', emails: [{ value: 'b@example.com' }] }),
  },
  {
    filter: 'userType eq "Employee" and (emails.type eq "work")',
    formatted: 'userType eq "Employee" and emails.type eq "work"',
    matching: user({
      userType: 'Employee',
      emails: [
        { value: 'a', type: 'home' },
        { value: 'b', type: 'work' },
      ],
    }),
    notMatching: user({ userType: 'Employee', emails: [{ value: 'work', type: 'home' }] }),
  },
  {
    filter: 'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
    matching: user({ userType: 'Employee', emails: [{ value: 'b@example.com', type: 'Work' }] }),
    notMatching: user({
      userType: 'Employee',
      emails: [
        { value: 'b@example.com', type: 'home' },
        { value: 'b@example.org', type: 'work' },
      ],
    }),
  },
  {
    filter:
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
    matching: user({ ims: [{ value: 'babs@foo.com', type: 'xmpp' }] }),
    notMatching: user({
      ims: [{ value: 'babs@foo.com', type: 'aim' }],
      emails: [{ value: 'x@example.com', type: 'home' }],
    }),
  },
];

describe('RFC 7644 §3.4.2.2 figure 2 filters', () => {
  it.each(EXAMPLES)(
    '$filter parses, formats back and evaluates',
    ({ filter, formatted, matching, notMatching }) => {
      const parsed = parseFilter(filter);
      expect(formatFilter(parsed)).toBe(formatted ?? filter);
      expect(parseFilter(formatFilter(parsed))).toEqual(parsed);
      const predicate = compileFilter(parsed, userContext);
      expect(predicate(matching)).toBe(true);
      expect(predicate(notMatching)).toBe(false);
    },
  );

  it('groups the mixed example as the RFC explains', () => {
    expect(
      parseFilter(
        'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      ),
    ).toMatchObject({
      kind: 'and',
      left: { kind: 'comparison', operator: 'ne' },
      right: { kind: 'not', filter: { kind: 'or' } },
    });
  });
});
