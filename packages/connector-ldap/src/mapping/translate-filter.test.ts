import { describe, expect, it } from '@jest/globals';
import { ConnectorError } from '@idsync/core';
import { ENTERPRISE_USER_SCHEMA, parseFilter } from '@idsync/scim';
import { unitConfig } from '../testing/unit-config.js';
import { translateFilter } from './translate-filter.js';

const config = unitConfig();
const translation = { mappings: config.users.attributes, idAttribute: 'entryUUID' };
const ldap = (scim: string) => translateFilter(parseFilter(scim), translation);

describe('translateFilter', () => {
  it('translates the comparison operators LDAP can express', () => {
    expect(ldap('userName eq "ada"')).toBe('(uid=ada)');
    expect(ldap('userName ne "ada"')).toBe('(&(uid=*)(!(uid=ada)))');
    expect(ldap('displayName co "Love"')).toBe('(displayName=*Love*)');
    expect(ldap('displayName sw "Ada"')).toBe('(displayName=Ada*)');
    expect(ldap('displayName ew "lace"')).toBe('(displayName=*lace)');
    expect(ldap('title pr')).toBe('(title=*)');
  });

  it('translates logic, sub-attributes, extension attributes and id', () => {
    expect(ldap('name.familyName eq "L" and not (title pr)')).toBe('(&(sn=L)(!(title=*)))');
    expect(
      ldap(`${ENTERPRISE_USER_SCHEMA}:department eq "R&D" or id eq "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"`),
    ).toBe('(|(departmentNumber=R&D)(entryUUID=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0))');
  });

  it('covers every mapped element of a multi-valued attribute, or the one a value path selects', () => {
    expect(ldap('phoneNumbers.value eq "1"')).toBe('(|(telephoneNumber=1)(mobile=1))');
    expect(ldap('emails eq "a@x"')).toBe('(mail=a@x)');
    expect(ldap('phoneNumbers[type eq "mobile" and value sw "+44"]')).toBe('(mobile=+44*)');
    expect(ldap('emails[type eq "home" and value eq "a@x"]')).toBe('(!(objectClass=*))');
    expect(ldap('phoneNumbers[type eq "work"]')).toBe('(telephoneNumber=*)');
  });

  it('escapes every value', () => {
    expect(ldap('userName eq "*)(uid=*"')).toBe('(uid=\\2a\\29\\28uid=\\2a)');
    expect(ldap('displayName co "a\\\\b"')).toBe('(displayName=*a\\5cb*)');
  });

  it.each([
    ['userName gt "a"', /operator "gt"/],
    ['nickName eq "x"', /no LDAP attribute is mapped/],
    ['userName eq null', /null/],
    ['emails[type eq "work" or value eq "x"]', /unsupported|cannot be translated/],
  ])('refuses %s with unsupported', (scim, why) => {
    let error: unknown;
    try {
      ldap(scim);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ code: 'unsupported', retryable: false });
    expect((error as Error).message).toMatch(why);
  });

  it('refuses id where ids are binary (Active Directory)', () => {
    expect(() => translateFilter(parseFilter('id eq "x"'), { mappings: config.users.attributes })).toThrow(
      /cannot filter on id/,
    );
  });
});
