import { describe, expect, it } from '@jest/globals';
import { ScimError } from '../errors/scim-error.js';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../schema/urns.js';
import { compileFilter, matchesFilter } from './compile-filter.js';
import { parseFilter } from './parse-filter.js';
import {
  babsJensen,
  CUSTOM_SCHEMA,
  groupContext,
  internUser,
  tourGuidesGroup,
  userContext,
} from './test-fixtures/filter-test-registry.js';

const babs = babsJensen();
const intern = internUser();
const matches = (filter: string, resource: object = babs) => matchesFilter(resource, filter, userContext);

function refusal(filter: string): ScimError {
  try {
    compileFilter(filter, userContext);
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error(`expected "${filter}" to be refused`);
}

describe('compileFilter with a schema: names', () => {
  it('matches attribute names case-insensitively in the filter and in the resource', () => {
    expect(matches('USERNAME eq "bjensen@example.com"')).toBe(true);
    expect(matches('name.FAMILYNAME eq "o\'malley"')).toBe(true);
    const shouted = { schemas: [USER_SCHEMA], USERNAME: 'Bob', NAME: { GIVENNAME: 'Robert' } };
    expect(matches('userName eq "bob"', shouted)).toBe(true);
    expect(matches('name.givenName sw "rob"', shouted)).toBe(true);
  });

  it('resolves URN-qualified core, enterprise and custom extension paths, with the extension under its URN key', () => {
    expect(matches(`${USER_SCHEMA}:userName sw "BJ"`)).toBe(true);
    expect(matches(`${ENTERPRISE_USER_SCHEMA}:employeeNumber eq "701984"`)).toBe(true);
    expect(matches(`${ENTERPRISE_USER_SCHEMA}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`)).toBe(
      true,
    );
    expect(matches(`${CUSTOM_SCHEMA}:badgeNumber eq 42`)).toBe(true);
    // The resource spells the URN key in another case.
    const relabelled = {
      schemas: [USER_SCHEMA],
      [ENTERPRISE_USER_SCHEMA.toUpperCase()]: { department: 'Sales' },
    };
    expect(matches(`${ENTERPRISE_USER_SCHEMA}:department eq "sales"`, relabelled)).toBe(true);
    // An extension attribute is not read from the top level.
    expect(matches(`${ENTERPRISE_USER_SCHEMA}:department eq "sales"`, { department: 'Sales' })).toBe(false);
  });

  it('resolves unqualified extension names through the registry', () => {
    expect(matches('department eq "tour operations"')).toBe(true);
    expect(matches('badgeNumber gt 40')).toBe(true);
  });

  it('treats an unknown attribute as matching nothing, so its negation matches', () => {
    expect(matches('nickname2 pr')).toBe(false);
    expect(matches('nickname2 eq "x"')).toBe(false);
    expect(matches('nickname2 eq null')).toBe(false);
    expect(matches('not (nickname2 eq "x")')).toBe(true);
    expect(matches('name.nickname eq "x"')).toBe(false);
    expect(matches('urn:unknown:schema:userName eq "bjensen@example.com"')).toBe(false);
    expect(matches('unknown[value eq "x"]')).toBe(false);
    expect(matches('userName pr and nickname2 pr')).toBe(false);
    expect(matches('userName pr or nickname2 pr')).toBe(true);
  });

  it('reads id, externalId, meta and schemas', () => {
    expect(matches('id eq "2819c223-7f76-453a-919d-413861904646"')).toBe(true);
    expect(matches('externalId eq "bjensen-ext"')).toBe(false);
    expect(matches('externalId eq "BJensen-Ext"')).toBe(true);
    expect(matches('meta.resourceType eq "User"')).toBe(true);
    expect(matches(`schemas eq "${ENTERPRISE_USER_SCHEMA.toUpperCase()}"`)).toBe(true);
    expect(matches(`schemas eq "${ENTERPRISE_USER_SCHEMA}"`, intern)).toBe(false);
  });
});

describe('compileFilter with a schema: comparisons', () => {
  it('follows caseExact: userName is not case exact, id and custom codes are', () => {
    expect(matches('userName eq "BJENSEN@EXAMPLE.COM"')).toBe(true);
    expect(matches('id eq "2819C223-7F76-453A-919D-413861904646"')).toBe(false);
    expect(matches('codes eq "a1"')).toBe(false);
    expect(matches('codes eq "A1"')).toBe(true);
    expect(matches('photoHash eq "qujdzgvm"')).toBe(false);
    expect(matches('photoHash eq "QUJDZGVm"')).toBe(true);
  });

  it('implements co, sw, ew and the lexicographic gt-family on strings', () => {
    expect(matches('userName co "JENSEN@"')).toBe(true);
    expect(matches('userName sw "bjen"')).toBe(true);
    expect(matches('userName ew ".COM"')).toBe(true);
    expect(matches('userName ew "example"')).toBe(false);
    expect(matches('title gt "MANAGEMENT"')).toBe(true);
    expect(matches('title gt "MANAGERS"')).toBe(false);
    expect(matches('title lt "managez"')).toBe(true);
    expect(matches('title ge "MANAGER" and title le "manager"')).toBe(true);
    expect(matches('displayName ne "babs jensen"')).toBe(false);
    expect(matches('displayName ne "Someone"')).toBe(true);
  });

  it('compares dateTime values as instants, whatever their offset and precision', () => {
    expect(matches('meta.lastModified eq "2011-05-13T06:42:34+02:00"')).toBe(true);
    expect(matches('meta.lastModified gt "2011-05-13T04:42:33.999Z"')).toBe(true);
    expect(matches('meta.lastModified ge "2011-05-13T04:42:34Z"')).toBe(true);
    expect(matches('meta.lastModified lt "2011-05-13T04:42:34Z"')).toBe(false);
    expect(matches('meta.lastModified le "2011-05-13T00:42:34-04:00"')).toBe(true);
    expect(matches('hiredAt eq "2015-03-01T08:00:00.1234567Z"')).toBe(true);
    expect(matches('hiredAt gt "2015-03-01T08:00:00.1234566Z"')).toBe(true);
    expect(matches('hiredAt gt "2015-03-01T08:00:00.1234568Z"')).toBe(false);
    expect(matches('meta.created co "2010-01"')).toBe(true);
  });

  it('refuses a dateTime literal that is not a dateTime', () => {
    expect(refusal('meta.lastModified gt "yesterday"').detail).toMatch(
      /"meta.lastModified" is a dateTime, and "yesterday" is not one/,
    );
  });

  it('compares integers and decimals numerically', () => {
    expect(matches('badgeNumber eq 42')).toBe(true);
    expect(matches('badgeNumber eq 42.0')).toBe(true);
    expect(matches('badgeNumber gt 9')).toBe(true);
    expect(matches('badgeNumber lt 100')).toBe(true);
    expect(matches('score ge 7.5 and score lt 7.51')).toBe(true);
    expect(matches('score gt 1e1')).toBe(false);
    expect(matches('badgeNumber ne 41')).toBe(true);
  });

  it('compares booleans with eq and ne only; gt-family on boolean or binary is invalidFilter', () => {
    expect(matches('active eq true')).toBe(true);
    expect(matches('active ne true', intern)).toBe(true);
    expect(matches('vip eq false')).toBe(true);
    for (const filter of [
      'active gt true',
      'active co "t"',
      'photoHash lt "A"',
      'badgeNumber co 4',
      'score sw 7',
    ]) {
      const error = refusal(filter);
      expect(error.status).toBe(400);
      expect(error.scimType).toBe('invalidFilter');
    }
    expect(refusal('active gt true').detail).toBe(
      '"active" is a boolean: only eq, ne and pr apply to it, not gt.',
    );
  });

  it('matches nothing when the literal has the wrong JSON type, with ne too', () => {
    expect(matches('active eq "true"')).toBe(false);
    expect(matches('active ne "yes"')).toBe(false);
    expect(matches('not (active eq "yes")')).toBe(true);
    expect(matches('badgeNumber eq "42"')).toBe(false);
    expect(matches('userName eq 42')).toBe(false);
    expect(matches('meta.lastModified eq 1305261754')).toBe(false);
  });

  it('matches a multi-valued attribute when any value matches', () => {
    expect(matches('emails.type eq "home"')).toBe(true);
    expect(matches('emails.value ew "jensen.org"')).toBe(true);
    expect(matches('emails.type ne "work"')).toBe(true);
    expect(matches('codes eq "b2"')).toBe(true);
    expect(matches('emails.primary eq true')).toBe(true);
  });

  it('compares a complex attribute named without a sub-attribute by its value', () => {
    expect(matches('emails co "jensen.org"')).toBe(true);
    expect(matches('emails eq "BABS@JENSEN.ORG"')).toBe(true);
    expect(matches('emails eq "home"')).toBe(false);
    expect(matches(`${ENTERPRISE_USER_SCHEMA}:manager eq "26118915-6090-4610-87e4-49d8ca9f808d"`)).toBe(true);
    expect(matches('badges eq "gold-1"')).toBe(false);
    expect(matches('name eq "Barbara"')).toBe(false);
  });

  it('requires one element to satisfy a whole value filter', () => {
    expect(matches('emails[type eq "work" and value co "@example.com"]')).toBe(true);
    expect(matches('emails[type eq "home" and value co "@example.com"]')).toBe(false);
    // The same conditions on separate paths may be met by different elements.
    expect(matches('emails.type eq "home" and emails.value co "@example.com"')).toBe(true);
    expect(matches('emails[not (type eq "work")]')).toBe(true);
    expect(matches('emails[TYPE eq "WORK" and Primary eq true]')).toBe(true);
    expect(matches('badges[kind eq "gold" and issued lt "2020-01-01T01:00:00+00:30"]')).toBe(true);
    expect(matches('emails[display pr]')).toBe(false);
    expect(matches('emails[nosuch eq "x"]')).toBe(false);
    expect(matches('name[givenName eq "barbara"]')).toBe(true);
    expect(matches('userName[value eq "x"]')).toBe(false);
  });

  it('filters groups by members', () => {
    const group = tourGuidesGroup();
    expect(
      matchesFilter(group, 'members[value eq "2819c223-7f76-453a-919d-413861904646"]', groupContext),
    ).toBe(true);
    expect(matchesFilter(group, 'members[value eq "nobody"]', groupContext)).toBe(false);
    expect(matchesFilter(group, 'members.display co "mandy"', groupContext)).toBe(true);
    expect(matchesFilter(group, 'displayName eq "tour guides" and members pr', groupContext)).toBe(true);
    expect(matchesFilter(group, 'userName pr', groupContext)).toBe(false);
  });
});

describe('compileFilter with a schema: presence and null', () => {
  const sparse = {
    schemas: [USER_SCHEMA],
    userName: 'sparse',
    title: '',
    nickName: null,
    emails: [],
    phoneNumbers: [{ value: '', type: null }],
    ims: [{ value: 'x', type: '' }],
    name: {},
    addresses: [{ type: 'work' }],
  };

  it('treats absent, null, "", [] and empty complex values as not present', () => {
    for (const attribute of [
      'title',
      'nickName',
      'emails',
      'phoneNumbers',
      'name',
      'locale',
      'ims.type',
      'addresses.country',
    ]) {
      expect([attribute, matches(`${attribute} pr`, sparse)]).toEqual([attribute, false]);
    }
    for (const attribute of ['userName', 'ims', 'ims.value', 'addresses', 'addresses.type']) {
      expect([attribute, matches(`${attribute} pr`, sparse)]).toEqual([attribute, true]);
    }
  });

  it('reads eq null as "not present" and ne null as "present"', () => {
    expect(matches('title eq null', sparse)).toBe(true);
    expect(matches('title ne null', sparse)).toBe(false);
    expect(matches('userName eq null', sparse)).toBe(false);
    expect(matches('userName ne null', sparse)).toBe(true);
    expect(matches('emails eq null', sparse)).toBe(true);
    expect(matches('emails[type eq null]')).toBe(false);
    expect(matches('emails[display eq null]')).toBe(true);
    expect(refusal('title gt null').detail).toMatch(/only eq and ne compare with null/);
  });
});

describe('compileFilter: compile once', () => {
  it('accepts filter text and resolves URNs with the registered schemas', () => {
    const predicate = compileFilter(
      `${ENTERPRISE_USER_SCHEMA.toUpperCase()}:department sw "tour"`,
      userContext,
    );
    expect(predicate(babs)).toBe(true);
    expect(predicate(intern)).toBe(false);
  });

  it('gives the same answers as the one-off form over many resources', () => {
    const filter = parseFilter(
      'userType eq "employee" and (emails co "example.com" or emails.value co "example.org")',
    );
    const predicate = compileFilter(filter, userContext);
    const people = [babs, intern, { ...intern, userType: 'EMPLOYEE' }, { ...babs, emails: [] }];
    expect(people.map(predicate)).toEqual([true, false, true, false]);
    expect(people.map((p) => matchesFilter(p, filter, userContext))).toEqual([true, false, true, false]);
  });

  it('evaluates a 5000-term or-chain without exhausting the stack', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `"id-${i}"`);
    const text = ids.map((id) => `id eq ${id}`).join(' or ');
    const predicate = compileFilter(parseFilter(text, { maxLength: 200000 }), userContext);
    expect(predicate({ id: 'id-4999' })).toBe(true);
    expect(predicate({ id: 'id-5000' })).toBe(false);
  });
});
