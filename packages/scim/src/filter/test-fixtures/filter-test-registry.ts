import type { AttributeDefinition, SchemaDefinition } from '../../schema/attribute-definition.js';
import { createCoreRegistry } from '../../schema/core-registry.js';
import type { SchemaRegistry, SchemaScope } from '../../schema/schema-registry.js';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from '../../schema/urns.js';

/**
 * Test data for the filter module: the core registry (User, Group, enterprise User) plus a
 * custom User extension whose URN does not follow the `…:extension:<org>:2.0:User` pattern
 * and that carries one attribute of every type the evaluator distinguishes.
 */
export const CUSTOM_SCHEMA = 'urn:acme.example:idsync:hr-2024';

const attribute = (name: string, extra: Partial<AttributeDefinition> = {}): AttributeDefinition => ({
  name,
  type: 'string',
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
});

export const CUSTOM_SCHEMA_DEFINITION: SchemaDefinition = {
  id: CUSTOM_SCHEMA,
  name: 'AcmeHr',
  attributes: [
    attribute('badgeNumber', { type: 'integer' }),
    attribute('score', { type: 'decimal' }),
    attribute('hiredAt', { type: 'dateTime' }),
    attribute('vip', { type: 'boolean' }),
    attribute('photoHash', { type: 'binary', caseExact: true }),
    attribute('codes', { multiValued: true, caseExact: true }),
    attribute('badges', {
      type: 'complex',
      multiValued: true,
      subAttributes: [
        attribute('value', { caseExact: true }),
        attribute('kind'),
        attribute('issued', { type: 'dateTime' }),
      ],
    }),
  ],
};

export function createFilterTestRegistry(): SchemaRegistry {
  return createCoreRegistry({ extensions: [{ schema: CUSTOM_SCHEMA_DEFINITION, resourceType: 'User' }] });
}

export const registry = createFilterTestRegistry();
export const userScope: SchemaScope = registry.scopeOf('User');
export const groupScope: SchemaScope = registry.scopeOf('Group');
export const userContext = { registry, scope: userScope };
export const groupContext = { registry, scope: groupScope };

/** The user of RFC 7643 §8.2, trimmed, with enterprise and custom extension values. */
export function babsJensen(): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, CUSTOM_SCHEMA],
    id: '2819c223-7f76-453a-919d-413861904646',
    externalId: 'BJensen-Ext',
    userName: 'bjensen@example.com',
    name: { familyName: "O'Malley", givenName: 'Barbara', formatted: "Ms. Barbara J O'Malley" },
    displayName: 'Babs Jensen',
    title: 'Manager',
    userType: 'Employee',
    active: true,
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    ims: [{ value: 'babs@foo.com', type: 'xmpp' }],
    meta: {
      resourceType: 'User',
      created: '2010-01-23T04:56:22Z',
      lastModified: '2011-05-13T04:42:34Z',
      version: 'W/"3694e05e9dff591"',
    },
    [ENTERPRISE_USER_SCHEMA]: {
      employeeNumber: '701984',
      department: 'Tour Operations',
      manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d', displayName: 'John Smith' },
    },
    [CUSTOM_SCHEMA]: {
      badgeNumber: 42,
      score: 7.5,
      hiredAt: '2015-03-01T09:00:00.1234567+01:00',
      vip: false,
      photoHash: 'QUJDZGVm',
      codes: ['A1', 'b2'],
      badges: [{ value: 'GOLD-1', kind: 'Gold', issued: '2020-01-01T00:00:00Z' }],
    },
  };
}

/** A second, sparser user: an intern without a title, with an example.org address. */
export function internUser(): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA],
    id: 'c3a26dd3-27a0-4dec-a2ac-ce211e105f97',
    userName: 'jsmith',
    userType: 'Intern',
    active: false,
    title: '',
    emails: [{ value: 'jsmith@example.org', type: 'work' }],
    meta: { resourceType: 'User', lastModified: '2011-05-13T04:42:33Z' },
  };
}

export function tourGuidesGroup(): Record<string, unknown> {
  return {
    schemas: [GROUP_SCHEMA],
    id: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
    displayName: 'Tour Guides',
    members: [
      { value: '2819c223-7f76-453a-919d-413861904646', display: 'Babs Jensen', type: 'User' },
      { value: '902c246b-6245-4190-8e05-00816be7344a', display: 'Mandy Pepperidge', type: 'User' },
    ],
  };
}
