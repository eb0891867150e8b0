import { describe, expect, it } from '@jest/globals';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from '@idsync/scim';
import { LdapEntry } from '../directory/ldap-entry.js';
import { fromCanonical } from '../from-canonical.js';
import { unitConfig } from '../testing/unit-config.js';
import { toCanonical } from '../to-canonical.js';

const config = unitConfig();

describe('to-canonical with the OpenLDAP defaults', () => {
  const entry = new LdapEntry('uid=ada,ou=people,dc=example,dc=org', {
    uid: 'ada',
    cn: ['Ada Lovelace', 'Ada'],
    sn: 'Lovelace',
    givenName: 'Ada',
    displayName: 'Ada L.',
    mail: ['ada@example.org', 'countess@example.org'],
    telephoneNumber: '+44 1',
    mobile: '+44 2',
    employeeNumber: '42',
    departmentNumber: 'Analytics',
    modifyTimestamp: '20240102030405Z',
    userPassword: '{SSHA}secret',
  });
  const { resource, remoteId } = toCanonical(entry, config.users, {
    remoteId: 'uuid-1',
    active: true,
    timestampAttribute: 'modifyTimestamp',
  });

  it('maps attributes to their SCIM paths, first value for single-valued ones', () => {
    expect(remoteId).toBe('uuid-1');
    expect(resource).toMatchObject({
      id: 'uuid-1',
      userName: 'ada',
      displayName: 'Ada L.',
      name: { formatted: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace' },
      active: true,
      [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '42', department: 'Analytics' },
      meta: { resourceType: 'User', lastModified: '2024-01-02T03:04:05.000Z' },
    });
    expect(resource.schemas).toEqual([USER_SCHEMA, ENTERPRISE_USER_SCHEMA]);
  });

  it('turns every value of a multi-valued attribute into a typed element, the first one primary', () => {
    expect(resource['emails']).toEqual([
      { value: 'ada@example.org', type: 'work', primary: true },
      { value: 'countess@example.org', type: 'work' },
    ]);
    expect(resource['phoneNumbers']).toEqual([
      { value: '+44 1', type: 'work', primary: true },
      { value: '+44 2', type: 'mobile' },
    ]);
  });

  it('never returns a password or members', () => {
    expect(JSON.stringify(resource)).not.toContain('SSHA');
    const group = toCanonical(
      new LdapEntry('cn=g,ou=groups,dc=example,dc=org', { cn: 'g', member: 'uid=a,dc=x' }),
      config.groups,
      { remoteId: 'g1', timestampAttribute: 'modifyTimestamp' },
    );
    expect(group.resource).toEqual({
      schemas: [GROUP_SCHEMA],
      id: 'g1',
      displayName: 'g',
      meta: { resourceType: 'Group' },
    });
  });
});

describe('from-canonical with the OpenLDAP defaults', () => {
  const values = (desired: ReturnType<typeof fromCanonical>, name: string) =>
    desired.attributes.get(name.toLowerCase())?.values;

  it('gives every mapped attribute a value list, empty when the resource lacks it', () => {
    const desired = fromCanonical(
      'User',
      { schemas: [USER_SCHEMA], userName: 'ada', title: 'Countess' },
      config.users,
      config.registry,
      'replace',
    );
    expect(values(desired, 'uid')).toEqual(['ada']);
    expect(values(desired, 'title')).toEqual(['Countess']);
    expect(values(desired, 'mail')).toEqual([]);
    expect(values(desired, 'displayName')).toEqual([]);
    expect(desired.active).toBeUndefined();
  });

  it('fills required cn and sn from fallbacks', () => {
    const bare = fromCanonical(
      'User',
      { schemas: [USER_SCHEMA], userName: 'ada' },
      config.users,
      config.registry,
      'create',
    );
    expect(values(bare, 'cn')).toEqual(['ada']);
    expect(values(bare, 'sn')).toEqual(['ada']);
    const named = fromCanonical(
      'User',
      { schemas: [USER_SCHEMA], userName: 'ada', displayName: 'Ada L.', name: { familyName: 'Lovelace' } },
      config.users,
      config.registry,
      'create',
    );
    expect(values(named, 'cn')).toEqual(['Ada L.']);
    expect(values(named, 'sn')).toEqual(['Lovelace']);
  });

  it('sends untyped elements to the first mapping and drops types nobody maps', () => {
    const desired = fromCanonical(
      'User',
      {
        schemas: [USER_SCHEMA],
        userName: 'ada',
        emails: [{ value: 'plain@x' }, { value: 'work@x', type: 'work' }, { value: 'home@x', type: 'home' }],
        phoneNumbers: [{ value: '1', type: 'mobile' }],
      },
      config.users,
      config.registry,
      'create',
    );
    expect(values(desired, 'mail')).toEqual(['plain@x', 'work@x']);
    expect(values(desired, 'mobile')).toEqual(['1']);
    expect(values(desired, 'telephoneNumber')).toEqual([]);
  });

  it('carries active, password and group members apart from the attributes', () => {
    const user = fromCanonical(
      'User',
      { schemas: [USER_SCHEMA], userName: 'ada', active: false, password: 'pw' },
      config.users,
      config.registry,
      'create',
    );
    expect(user).toMatchObject({ active: false, password: 'pw' });
    const group = fromCanonical(
      'Group',
      { schemas: [GROUP_SCHEMA], displayName: 'g', members: [{ value: 'id-1' }, { value: 'id-2' }] },
      config.groups,
      config.registry,
      'create',
    );
    expect(group.members).toEqual(['id-1', 'id-2']);
    expect(values(group, 'cn')).toEqual(['g']);
  });

  it('refuses what the SCIM schema refuses', () => {
    expect(() =>
      fromCanonical(
        'User',
        { schemas: [USER_SCHEMA], displayName: 'no userName' },
        config.users,
        config.registry,
        'create',
      ),
    ).toThrow(/userName/);
    expect(() =>
      fromCanonical(
        'User',
        { schemas: [USER_SCHEMA], userName: 'a', active: 'maybe' },
        config.users,
        config.registry,
        'create',
      ),
    ).toThrow();
  });

  it('round-trips through to-canonical', () => {
    const resource = {
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      userName: 'ada',
      displayName: 'Ada',
      name: { formatted: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ value: 'ada@x', type: 'work', primary: true }],
      title: 'Countess',
      [ENTERPRISE_USER_SCHEMA]: { department: 'Analytics' },
    };
    const desired = fromCanonical('User', resource, config.users, config.registry, 'create');
    const attributes = Object.fromEntries(
      [...desired.attributes.values()].filter((a) => a.values.length > 0).map((a) => [a.name, [...a.values]]),
    );
    const back = toCanonical(new LdapEntry('uid=ada,dc=x', attributes), config.users, {
      remoteId: 'x',
      timestampAttribute: 'modifyTimestamp',
    });
    expect(back.resource).toMatchObject(resource);
  });
});
