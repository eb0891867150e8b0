import { describe, expect, it } from '@jest/globals';
import { ScimError } from '../errors/scim-error.js';
import type { SchemaDefinition } from './attribute-definition.js';
import { createCoreRegistry } from './core-registry.js';
import { defineAttribute, defineComplex } from './definitions/define-attribute.js';
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  USER_SCHEMA,
} from './urns.js';

const registry = createCoreRegistry();
const userScope = registry.scopeOf('User');
const groupScope = registry.scopeOf('Group');

function characteristic(path: string, scope = userScope) {
  const resolved = registry.resolveOrThrow(path, scope);
  return resolved.subDefinition ?? resolved.definition;
}

describe('createCoreRegistry', () => {
  it('registers the three resource schemas and the three discovery schemas', () => {
    const ids = registry.schemas().map((s) => s.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        USER_SCHEMA,
        GROUP_SCHEMA,
        ENTERPRISE_USER_SCHEMA,
        SERVICE_PROVIDER_CONFIG_SCHEMA,
        RESOURCE_TYPE_SCHEMA,
        SCHEMA_SCHEMA,
      ]),
    );
    expect(ids).toHaveLength(6);
  });

  it('serves User at /Users with the optional enterprise extension and Group at /Groups', () => {
    expect(registry.getResourceTypeByEndpoint('/Users')).toMatchObject({
      name: 'User',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
    });
    expect(registry.getResourceTypeByEndpoint('groups')).toMatchObject({
      name: 'Group',
      schema: GROUP_SCHEMA,
      schemaExtensions: [],
    });
  });

  it('leaves the enterprise extension out when asked to', () => {
    const plain = createCoreRegistry({ enterpriseUser: false });
    expect(plain.getSchema(ENTERPRISE_USER_SCHEMA)).toBeUndefined();
    expect(plain.scopeOf('User').extensions).toEqual([]);
    expect(plain.resolve('employeeNumber', plain.scopeOf('User'))).toBeUndefined();
  });

  it('builds an independent registry on every call', () => {
    const a = createCoreRegistry();
    a.registerSchema({ id: 'urn:test:a', name: 'A', attributes: [defineAttribute('x')] });
    a.extendResourceType('User', 'urn:test:a');
    expect(createCoreRegistry().scopeOf('User').extensions).toEqual([ENTERPRISE_USER_SCHEMA]);
  });

  describe('custom extensions', () => {
    // A URN that does not follow urn:ietf:params:scim:schemas:extension:<Org>:2.0:User, as
    // PingOne and many other services use.
    const ODD_URN = 'urn:pingidentity:schemas:sample:profile:1.0';
    const custom: SchemaDefinition = {
      id: ODD_URN,
      name: 'SampleProfile',
      attributes: [
        defineAttribute('badgeNumber', { caseExact: true }),
        defineAttribute('hireDate', { type: 'dateTime' }),
        defineComplex('badge', [defineAttribute('colour'), defineAttribute('level', { type: 'integer' })]),
      ],
    };

    it('resolves attributes of an extension given as an option, qualified and unqualified', () => {
      const withCustom = createCoreRegistry({ extensions: [{ schema: custom, resourceType: 'user' }] });
      const scope = withCustom.scopeOf('User');
      expect(scope.extensions).toEqual([ENTERPRISE_USER_SCHEMA, ODD_URN]);
      const qualified = withCustom.resolve(`${ODD_URN}:badgeNumber`, scope);
      expect(qualified).toMatchObject({
        schema: ODD_URN,
        inExtension: true,
        definition: { name: 'badgeNumber', caseExact: true },
      });
      expect(withCustom.resolve('BADGENUMBER', scope)).toMatchObject({ schema: ODD_URN, inExtension: true });
      expect(withCustom.resolve(`${ODD_URN.toUpperCase()}:badge.level`, scope)?.subDefinition).toMatchObject({
        name: 'level',
        type: 'integer',
      });
      expect(withCustom.resolve('badgeNumber', withCustom.scopeOf('Group'))).toBeUndefined();
    });

    it('resolves attributes of an extension registered at run time', () => {
      const live = createCoreRegistry();
      expect(live.resolve(`${ODD_URN}:hireDate`, live.scopeOf('User'))).toBeUndefined();
      live.registerSchema(custom).extendResourceType('User', ODD_URN);
      const scope = live.scopeOf('User');
      expect(live.resolve(`${ODD_URN}:hireDate`, scope)).toMatchObject({
        schema: ODD_URN,
        definition: { type: 'dateTime' },
      });
      expect(live.resolve('hireDate', scope)).toMatchObject({ schema: ODD_URN, inExtension: true });
      // Core attributes still win over same-named extension attributes when unqualified.
      expect(live.resolve('userName', scope)).toMatchObject({ schema: USER_SCHEMA, inExtension: false });
    });

    it('extends Group as well, and marks a required extension', () => {
      const groupExt: SchemaDefinition = {
        id: 'urn:acme:group',
        name: 'AcmeGroup',
        attributes: [defineAttribute('costCode')],
      };
      const reg = createCoreRegistry({
        extensions: [{ schema: groupExt, resourceType: 'Group', required: true }],
      });
      expect(reg.getResourceType('Group')?.schemaExtensions).toEqual([
        { schema: 'urn:acme:group', required: true },
      ]);
      expect(reg.resolve('urn:acme:group:costCode', reg.scopeOf('Group'))?.definition.name).toBe('costCode');
    });

    it('rejects a malformed extension with a message naming the attribute', () => {
      const bad = {
        id: 'urn:acme:bad',
        name: 'Bad',
        attributes: [defineAttribute('ok'), defineAttribute('shoe size')],
      };
      expect(() => createCoreRegistry({ extensions: [{ schema: bad, resourceType: 'User' }] })).toThrow(
        /attribute "shoe size"/,
      );
    });

    it('rejects an extension for an unknown resource type', () => {
      expect(() => createCoreRegistry({ extensions: [{ schema: custom, resourceType: 'Device' }] })).toThrow(
        ScimError,
      );
    });
  });
});

/**
 * Characteristics checked one by one against RFC 7643 §4 and §8.7.1, chosen where
 * implementations most often get them wrong.
 */
describe('User, Group and enterprise characteristics (RFC 7643 §8.7.1)', () => {
  const cases: [string, Record<string, unknown>, 'User' | 'Group'][] = [
    [
      'userName',
      {
        type: 'string',
        required: true,
        caseExact: false,
        uniqueness: 'server',
        mutability: 'readWrite',
        returned: 'default',
      },
      'User',
    ],
    ['id', { caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' }, 'User'],
    ['externalId', { caseExact: true, mutability: 'readWrite' }, 'User'],
    ['name', { type: 'complex', multiValued: false, required: false }, 'User'],
    ['name.givenName', { type: 'string', caseExact: false, mutability: 'readWrite' }, 'User'],
    ['profileUrl', { type: 'reference', referenceTypes: ['external'] }, 'User'],
    ['active', { type: 'boolean', multiValued: false }, 'User'],
    ['password', { mutability: 'writeOnly', returned: 'never', caseExact: false }, 'User'],
    ['emails', { type: 'complex', multiValued: true }, 'User'],
    ['emails.value', { caseExact: false, mutability: 'readWrite' }, 'User'],
    ['emails.type', { canonicalValues: ['work', 'home', 'other'] }, 'User'],
    ['emails.primary', { type: 'boolean' }, 'User'],
    ['phoneNumbers.type', { canonicalValues: ['work', 'home', 'mobile', 'fax', 'pager', 'other'] }, 'User'],
    ['ims.type', { canonicalValues: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'] }, 'User'],
    ['photos.value', { type: 'reference', referenceTypes: ['external'] }, 'User'],
    ['photos.type', { canonicalValues: ['photo', 'thumbnail'] }, 'User'],
    ['addresses', { multiValued: true }, 'User'],
    ['addresses.type', { canonicalValues: ['work', 'home', 'other'] }, 'User'],
    ['groups', { multiValued: true, mutability: 'readOnly' }, 'User'],
    ['groups.value', { mutability: 'readOnly' }, 'User'],
    ['groups.$ref', { type: 'reference', mutability: 'readOnly' }, 'User'],
    ['groups.type', { canonicalValues: ['direct', 'indirect'], mutability: 'readOnly' }, 'User'],
    ['entitlements', { multiValued: true, mutability: 'readWrite' }, 'User'],
    ['roles.primary', { type: 'boolean' }, 'User'],
    ['x509Certificates.value', { type: 'binary' }, 'User'],
    ['meta.created', { type: 'dateTime', mutability: 'readOnly' }, 'User'],
    ['employeeNumber', { type: 'string', caseExact: false }, 'User'],
    ['manager', { type: 'complex', multiValued: false }, 'User'],
    ['manager.value', { caseExact: true }, 'User'],
    ['manager.$ref', { type: 'reference', referenceTypes: ['User'] }, 'User'],
    ['manager.displayName', { mutability: 'readOnly' }, 'User'],
    ['displayName', { required: true, caseExact: false }, 'Group'],
    ['members', { type: 'complex', multiValued: true, mutability: 'readWrite', required: false }, 'Group'],
    ['members.value', { mutability: 'immutable', caseExact: false }, 'Group'],
    [
      'members.$ref',
      { type: 'reference', referenceTypes: ['User', 'Group'], mutability: 'immutable' },
      'Group',
    ],
    ['members.type', { canonicalValues: ['User', 'Group'], mutability: 'immutable' }, 'Group'],
    ['members.display', { type: 'string' }, 'Group'],
  ];

  it.each(cases)('%s has the characteristics of the RFC', (path, expected, resourceType) => {
    expect(characteristic(path, resourceType === 'User' ? userScope : groupScope)).toMatchObject(expected);
  });

  it('declares every RFC 7643 §4.1 User attribute', () => {
    const names = registry.getSchema(USER_SCHEMA)!.attributes.map((a) => a.name);
    expect(names).toEqual([
      'userName',
      'name',
      'displayName',
      'nickName',
      'profileUrl',
      'title',
      'userType',
      'preferredLanguage',
      'locale',
      'timezone',
      'active',
      'password',
      'emails',
      'phoneNumbers',
      'ims',
      'photos',
      'addresses',
      'groups',
      'entitlements',
      'roles',
      'x509Certificates',
    ]);
    const name = registry.getSchema(USER_SCHEMA)!.attributes.find((a) => a.name === 'name')!;
    expect(name.subAttributes!.map((s) => s.name)).toEqual([
      'formatted',
      'familyName',
      'givenName',
      'middleName',
      'honorificPrefix',
      'honorificSuffix',
    ]);
    const addresses = registry.getSchema(USER_SCHEMA)!.attributes.find((a) => a.name === 'addresses')!;
    expect(addresses.subAttributes!.map((s) => s.name)).toEqual([
      'formatted',
      'streetAddress',
      'locality',
      'region',
      'postalCode',
      'country',
      'type',
      'primary',
    ]);
  });

  it('declares every enterprise attribute of RFC 7643 §4.3', () => {
    expect(registry.getSchema(ENTERPRISE_USER_SCHEMA)!.attributes.map((a) => a.name)).toEqual([
      'employeeNumber',
      'costCenter',
      'organization',
      'division',
      'department',
      'manager',
    ]);
  });

  it('gives every attribute all characteristics, as /Schemas must serve them', () => {
    const keys = [
      'name',
      'type',
      'multiValued',
      'required',
      'caseExact',
      'mutability',
      'returned',
      'uniqueness',
    ];
    for (const schema of registry.schemas()) {
      const walk = (attrs: readonly (typeof schema.attributes)[number][]) => {
        for (const attr of attrs) {
          for (const key of keys) expect(attr).toHaveProperty(key);
          expect(typeof attr.description).toBe('string');
          if (attr.subAttributes) walk(attr.subAttributes);
        }
      };
      walk(schema.attributes);
    }
  });
});
