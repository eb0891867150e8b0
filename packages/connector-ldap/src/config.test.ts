import { describe, expect, it } from '@jest/globals';
import { ConfigError, validateConnectorConfig } from '@idsync/core';
import { ENTERPRISE_USER_SCHEMA } from '@idsync/scim';
import { toLdapConfig } from './config.js';
import { LDAP_MANIFEST } from './manifest.js';

const minimal = {
  urls: ['ldaps://ldap.example.org'],
  bindDn: 'cn=idsync,dc=example,dc=org',
  bindPassword: 'secret-password',
  baseDn: 'dc=example,dc=org',
};

const configOf = (settings: Record<string, unknown>) =>
  toLdapConfig(validateConnectorConfig(LDAP_MANIFEST, { ...minimal, ...settings }));

function issuesOf(settings: Record<string, unknown>): { key: string; problem: string }[] {
  try {
    configOf(settings);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map(({ key, problem }) => ({ key, problem }));
    throw error;
  }
  throw new Error('the config was accepted');
}

describe('toLdapConfig', () => {
  it('fills the OpenLDAP preset in', () => {
    const config = configOf({});
    expect(config.preset.id).toBe('openldap');
    expect(config.users.filter).toBe('(objectClass=inetOrgPerson)');
    expect(config.users.template.text).toBe('uid={userName},dc=example,dc=org');
    expect(config.users.template.rdnAttribute).toBe('uid');
    expect(config.groups.objectClasses).toEqual(['top', 'groupOfNames']);
    expect(config.membership.attribute).toBe('member');
    expect(config.disable.mode).toBe('pwd-account-locked-time');
    expect(config.users.attributes.find((mapping) => mapping.ldapAttribute === 'mail')?.target).toEqual({
      attribute: 'emails',
      subAttribute: 'value',
      valueType: 'work',
      multiValued: true,
    });
    expect(
      config.users.attributes.find((mapping) => mapping.ldapAttribute === 'departmentNumber')?.target,
    ).toEqual({
      schema: ENTERPRISE_USER_SCHEMA,
      attribute: 'department',
      multiValued: false,
    });
    expect(config.changes).toMatchObject({
      deleteDetection: 'auto',
      overlapSeconds: 2,
      maxChangesPerBatch: 500,
    });
  });

  it('fills the Active Directory preset in', () => {
    const config = configOf({
      preset: 'active-directory',
      userBaseDn: 'CN=Users,DC=example,DC=org',
      baseDn: 'DC=example,DC=org',
    });
    expect(config.preset.idAttribute).toBe('objectGUID');
    expect(config.users.filter).toBe('(&(objectCategory=person)(objectClass=user))');
    expect(config.users.template.text).toBe('CN={userName},CN=Users,DC=example,DC=org');
    expect(
      config.users.attributes.find((mapping) => mapping.target.attribute === 'userName')?.ldapAttribute,
    ).toBe('sAMAccountName');
    expect(config.users.attributes.some((mapping) => mapping.ldapAttribute === 'userPrincipalName')).toBe(
      true,
    );
    expect(config.disable.mode).toBe('user-account-control');
    expect(config.preset.rangedValues).toBe(true);
  });

  it('lets the attribute map replace, remove and add lines, with custom schemas', () => {
    const config = configOf({
      userAttributeMap: [
        'mail=emails[type eq "home"].value',
        'title=',
        'carLicense=urn:example:cars:2.0:User:plate',
      ],
    });
    const byName = new Map(config.users.attributes.map((mapping) => [mapping.ldapAttribute, mapping]));
    expect(byName.get('mail')?.target.valueType).toBe('home');
    expect(byName.has('title')).toBe(false);
    expect(byName.get('carLicense')?.target).toEqual({
      schema: 'urn:example:cars:2.0:User',
      attribute: 'plate',
      multiValued: false,
    });
    expect(config.registry.scopeOf('User').extensions).toContain('urn:example:cars:2.0:User');
  });

  it('derives the member attribute from the group object classes', () => {
    expect(configOf({ groupObjectClasses: ['top', 'groupOfUniqueNames'] }).membership.attribute).toBe(
      'uniqueMember',
    );
    expect(configOf({ groupObjectClasses: ['top', 'posixGroup'] }).membership.attribute).toBe('memberUid');
    expect(
      configOf({ groupObjectClasses: ['top', 'posixGroup'], memberAttribute: 'member' }).membership.attribute,
    ).toBe('member');
  });

  it('searches the disabled container too when it lies outside the user base', () => {
    const config = configOf({
      userBaseDn: 'ou=people,dc=example,dc=org',
      disableMode: 'move-to-ou',
      disabledContainerDn: 'ou=disabled,dc=example,dc=org',
    });
    expect(config.users.searchBases).toEqual([
      'ou=people,dc=example,dc=org',
      'ou=disabled,dc=example,dc=org',
    ]);
  });

  it('creates a missing disabled container only when asked, and only an organizationalUnit', () => {
    const moveTo = (dn: string, create?: boolean) => ({
      disableMode: 'move-to-ou',
      disabledContainerDn: dn,
      ...(create === undefined ? {} : { createDisabledContainer: create }),
    });
    expect(configOf(moveTo('ou=disabled,dc=example,dc=org')).disable.createDisabledContainer).toBe(false);
    expect(configOf(moveTo('ou=disabled,dc=example,dc=org', true)).disable.createDisabledContainer).toBe(
      true,
    );
    expect(issuesOf(moveTo('cn=disabled,dc=example,dc=org', true))).toContainEqual({
      key: 'config.createDisabledContainer',
      problem: expect.stringMatching(/organizationalUnit.*cn=disabled,dc=example,dc=org/),
    });
  });

  it('keeps the password out of sight', () => {
    const config = configOf({});
    expect(JSON.stringify(config.connection)).not.toContain('secret-password');
    expect(String(config.connection.bindPassword)).toBe('********');
    expect(config.connection.bindPassword.reveal()).toBe('secret-password');
  });

  it('reports every problem at once, each under its key', () => {
    const issues = issuesOf({
      urls: ['http://ldap.example.org', 'ldap://ok.example.org'],
      userBaseDn: 'ou=people,dc=elsewhere',
      groupFilter: '(objectClass=group',
      userNamingTemplate: 'uid=fixed,ou=people,dc=example,dc=org',
      userAttributeMap: ['mail=emails[value eq "x"].value', 'no-equals-sign'],
      disableMode: 'move-to-ou',
    });
    const keys = issues.map((issue) => issue.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'config.urls',
        'config.userBaseDn',
        'config.groupFilter',
        'config.userNamingTemplate',
        'config.userAttributeMap',
        'config.disabledContainerDn',
      ]),
    );
    expect(issues.find((issue) => issue.key === 'config.urls')?.problem).toMatch(
      /http:\/\/ldap\.example\.org/,
    );
    expect(issues.find((issue) => issue.key === 'config.userNamingTemplate')?.problem).toMatch(
      /no \{placeholder\}/,
    );
  });

  it('refuses a layout that cannot find users by userName, and disable modes of the other directory', () => {
    expect(issuesOf({ userAttributeMap: ['uid='] })).toContainEqual({
      key: 'config.userAttributeMap',
      problem: 'maps no LDAP attribute to userName.',
    });
    expect(issuesOf({ disableMode: 'user-account-control' }).map((issue) => issue.key)).toContain(
      'config.disableMode',
    );
    expect(issuesOf({ disableMode: 'status-attribute' }).map((issue) => issue.key)).toContain(
      'config.statusAttribute',
    );
  });

  it('refuses a naming template that places entries outside their base', () => {
    const issues = issuesOf({
      userBaseDn: 'ou=people,dc=example,dc=org',
      userNamingTemplate: 'uid={userName},ou=groups,dc=example,dc=org',
    });
    expect(issues.map((issue) => issue.key)).toContain('config.userNamingTemplate');
  });
});
