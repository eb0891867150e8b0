import { describe, expect, it } from '@jest/globals';
import { ScimError } from '../errors/scim-error.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import { SchemaRegistry } from '../schema/schema-registry.js';
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  SCIM_V1_CORE_SCHEMA,
  SCIM_V1_ENTERPRISE_SCHEMA,
  USER_SCHEMA,
} from '../schema/urns.js';
import { groupFromV1, resourceFromV1, userFromV1 } from './resource-from-v1.js';
import { groupToV1, resourceToV1, userToV1 } from './resource-to-v1.js';
import { BADGE_SCHEMA, deepFreeze, sampleGroup, sampleUser } from './test-fixtures/v1-resources.js';

function scimError(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

/** The request of the task's seed scenario: POST /v1/Users from a SCIM 1.1 client. */
const SEED_V1_USER = {
  schemas: ['urn:scim:schemas:core:1.0'],
  userName: 'bjensen',
  name: { familyName: 'Jensen', givenName: 'Barbara', formatted: 'Barbara Jensen' },
  title: 'Tour Guide',
  displayName: 'Babs Jensen',
  preferredLanguage: 'en_US',
  phoneNumbers: [{ value: '555-555-8377', type: 'work', primary: 'true' }],
  userType: 'Employee',
};

describe('the seed example: a SCIM 1.1 POST /v1/Users body', () => {
  it('becomes a 2.0 User with the core 2.0 URN and a boolean primary', () => {
    expect(userFromV1(SEED_V1_USER)).toEqual({
      schemas: [USER_SCHEMA],
      userName: 'bjensen',
      name: { familyName: 'Jensen', givenName: 'Barbara', formatted: 'Barbara Jensen' },
      title: 'Tour Guide',
      displayName: 'Babs Jensen',
      preferredLanguage: 'en_US',
      phoneNumbers: [{ value: '555-555-8377', type: 'work', primary: true }],
      userType: 'Employee',
    });
  });

  it('round-trips to the same 1.1 body, with the string boolean normalised', () => {
    expect(userToV1(userFromV1(SEED_V1_USER))).toEqual({
      ...SEED_V1_USER,
      phoneNumbers: [{ value: '555-555-8377', type: 'work', primary: true }],
    });
  });
});

describe('2.0 → 1.1 → 2.0 round trips', () => {
  it('keep a User with enterprise and custom extensions equal', () => {
    const user = deepFreeze(sampleUser());
    expect(userFromV1(userToV1(user))).toEqual(user);
  });

  it('keep a Group with User and Group members equal', () => {
    const group = deepFreeze(sampleGroup());
    expect(groupFromV1(groupToV1(group))).toEqual(group);
  });
});

describe('resourceToV1', () => {
  it('renames the core and enterprise URNs and keeps custom ones', () => {
    const v1 = resourceToV1(sampleUser());
    expect(v1.schemas).toEqual([SCIM_V1_CORE_SCHEMA, SCIM_V1_ENTERPRISE_SCHEMA, BADGE_SCHEMA]);
    expect(v1[ENTERPRISE_USER_SCHEMA]).toBeUndefined();
    expect(v1[BADGE_SCHEMA]).toEqual({ badgeNumber: 'B-17', clearance: 'true', levels: [1, 2] });
  });

  it('writes the enterprise manager as {managerId, displayName}', () => {
    const v1 = resourceToV1(sampleUser());
    expect(v1[SCIM_V1_ENTERPRISE_SCHEMA]).toEqual({
      employeeNumber: '701984',
      costCenter: '4130',
      organization: 'Universal Studios',
      division: 'Theme Park',
      department: 'Tour Operations',
      manager: { managerId: '26118915-6090-4610-87e4-49d8ca9f808d', displayName: 'John Smith' },
    });
  });

  it('drops meta.resourceType, which 1.1 does not have', () => {
    const v1 = resourceToV1(sampleUser());
    expect(v1.meta).toEqual({
      created: '2010-01-23T04:56:22Z',
      lastModified: '2011-05-13T04:42:34Z',
      version: 'W/"3694e05e9dff591"',
      location: 'https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646',
    });
    expect(resourceToV1({ schemas: [GROUP_SCHEMA], meta: { resourceType: 'Group' } })).not.toHaveProperty(
      'meta',
    );
  });

  it('drops $ref from members, groups and the manager but keeps it in custom extensions', () => {
    const v1 = resourceToV1({
      schemas: [GROUP_SCHEMA, BADGE_SCHEMA],
      members: [{ value: 'u1', $ref: 'https://example.com/v2/Users/u1', type: 'User' }],
      [BADGE_SCHEMA]: { sponsor: { value: 'u9', $ref: 'https://example.com/v2/Users/u9' } },
    });
    expect(v1.members).toEqual([{ value: 'u1', type: 'User' }]);
    expect(v1[BADGE_SCHEMA]).toEqual({ sponsor: { value: 'u9', $ref: 'https://example.com/v2/Users/u9' } });
    const user = resourceToV1({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      groups: [{ value: 'g1', $ref: '../Groups/g1', display: 'G' }],
      [ENTERPRISE_USER_SCHEMA]: { manager: { value: 'm1', $ref: '../Users/m1' } },
    });
    expect(user.groups).toEqual([{ value: 'g1', display: 'G' }]);
    expect(user[SCIM_V1_ENTERPRISE_SCHEMA]).toEqual({ manager: { managerId: 'm1' } });
  });

  it('gives User and Group the same 1.1 core URN', () => {
    expect(resourceToV1(sampleGroup()).schemas).toEqual([SCIM_V1_CORE_SCHEMA]);
    expect(resourceToV1({ schemas: [USER_SCHEMA], userName: 'x' }).schemas).toEqual([SCIM_V1_CORE_SCHEMA]);
  });
});

describe('resourceFromV1', () => {
  it('maps the shared 1.1 core URN to the core URN of the endpoint', () => {
    expect(resourceFromV1({ schemas: [SCIM_V1_CORE_SCHEMA], displayName: 'G' }, 'Group').schemas).toEqual([
      GROUP_SCHEMA,
    ]);
    expect(resourceFromV1({ schemas: [SCIM_V1_CORE_SCHEMA], userName: 'u' }, 'User').schemas).toEqual([
      USER_SCHEMA,
    ]);
  });

  it('reads the enterprise extension and its managerId', () => {
    const user = userFromV1({
      schemas: [SCIM_V1_CORE_SCHEMA, SCIM_V1_ENTERPRISE_SCHEMA],
      userName: 'u',
      [SCIM_V1_ENTERPRISE_SCHEMA]: {
        employeeNumber: '42',
        manager: { managerId: 'm1', displayName: 'Boss' },
      },
    });
    expect(user.schemas).toEqual([USER_SCHEMA, ENTERPRISE_USER_SCHEMA]);
    expect(user[ENTERPRISE_USER_SCHEMA]).toEqual({
      employeeNumber: '42',
      manager: { value: 'm1', displayName: 'Boss' },
    });
    expect(user).not.toHaveProperty([SCIM_V1_ENTERPRISE_SCHEMA]);
  });

  it('coerces the string booleans of active and primary, in any case', () => {
    const user = userFromV1({
      schemas: [SCIM_V1_CORE_SCHEMA],
      userName: 'u',
      active: 'FALSE',
      emails: [
        { value: 'a@example.com', primary: 'True' },
        { value: 'b@example.com', primary: 'false' },
      ],
    });
    expect(user.active).toBe(false);
    expect(user.emails).toEqual([
      { value: 'a@example.com', primary: true },
      { value: 'b@example.com', primary: false },
    ]);
  });

  it('leaves "true" alone where the attribute is not a boolean', () => {
    const user = userFromV1({ schemas: [SCIM_V1_CORE_SCHEMA], userName: 'true', title: 'false' });
    expect(user.userName).toBe('true');
    expect(user.title).toBe('false');
  });

  it('refuses a boolean it cannot read, naming the attribute', () => {
    const error = scimError(() =>
      userFromV1({ schemas: [SCIM_V1_CORE_SCHEMA], userName: 'u', active: 'yes' }),
    );
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toContain('"active"');
    const nested = scimError(() => userFromV1({ userName: 'u', emails: [{ value: 'a@x', primary: 1 }] }));
    expect(nested.detail).toContain('"emails.primary"');
  });

  it('coerces booleans of extension attributes the registry types as boolean', () => {
    const attribute = (name: string, type: AttributeDefinition['type']): AttributeDefinition => ({
      name,
      type,
      multiValued: false,
      required: false,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'none',
    });
    const registry = new SchemaRegistry(
      [
        { id: USER_SCHEMA, name: 'User', attributes: [attribute('userName', 'string')] },
        {
          id: BADGE_SCHEMA,
          name: 'Badge',
          attributes: [attribute('clearance', 'boolean'), attribute('badgeNumber', 'string')],
        },
      ],
      [
        {
          id: 'User',
          name: 'User',
          endpoint: '/Users',
          schema: USER_SCHEMA,
          schemaExtensions: [{ schema: BADGE_SCHEMA, required: false }],
        },
      ],
    );
    const body = {
      schemas: [SCIM_V1_CORE_SCHEMA, BADGE_SCHEMA],
      userName: 'u',
      [BADGE_SCHEMA]: { clearance: 'true', badgeNumber: 'true' },
    };
    expect(userFromV1(body)[BADGE_SCHEMA]).toEqual({ clearance: 'true', badgeNumber: 'true' });
    expect(userFromV1(body, { registry })[BADGE_SCHEMA]).toEqual({ clearance: true, badgeNumber: 'true' });
  });

  it('gives meta the resource type and drops the PATCH-only meta.attributes', () => {
    const user = userFromV1({
      schemas: [SCIM_V1_CORE_SCHEMA],
      userName: 'u',
      meta: { created: '2012-01-01T00:00:00Z', attributes: ['title'] },
    });
    expect(user.meta).toEqual({ resourceType: 'User', created: '2012-01-01T00:00:00Z' });
  });

  it('drops the PATCH-only operation marker from values of a full resource', () => {
    const group = groupFromV1({
      schemas: [SCIM_V1_CORE_SCHEMA],
      displayName: 'G',
      members: [{ value: 'u1', operation: 'delete' }],
    });
    expect(group.members).toEqual([{ value: 'u1' }]);
  });

  it('moves enterprise attributes sent at the top level under the extension', () => {
    const user = userFromV1({
      schemas: [SCIM_V1_CORE_SCHEMA, SCIM_V1_ENTERPRISE_SCHEMA],
      userName: 'u',
      employeeNumber: '42',
      Department: 'Sales',
    });
    expect(user[ENTERPRISE_USER_SCHEMA]).toEqual({ employeeNumber: '42', Department: 'Sales' });
    expect(user).not.toHaveProperty('employeeNumber');
    // without the enterprise schema declared, such names are ordinary (custom) attributes
    expect(userFromV1({ userName: 'u', employeeNumber: '42' }).employeeNumber).toBe('42');
  });

  it('adds the core URN when schemas is missing and an extension URN used but not declared', () => {
    const user = userFromV1({ userName: 'u', [BADGE_SCHEMA]: { badgeNumber: '1' } });
    expect(user.schemas).toEqual([USER_SCHEMA, BADGE_SCHEMA]);
  });

  it('refuses bodies that are not 1.1 resources with invalidSyntax', () => {
    expect(scimError(() => userFromV1('bjensen')).scimType).toBe('invalidSyntax');
    expect(scimError(() => userFromV1([])).scimType).toBe('invalidSyntax');
    expect(scimError(() => userFromV1({ schemas: SCIM_V1_CORE_SCHEMA })).scimType).toBe('invalidSyntax');
    const extension = scimError(() => userFromV1({ [SCIM_V1_ENTERPRISE_SCHEMA]: 'x' }));
    expect(extension.scimType).toBe('invalidSyntax');
    expect(extension.detail).toContain(SCIM_V1_ENTERPRISE_SCHEMA);
  });

  it('never modifies its input', () => {
    const body = deepFreeze({
      schemas: [SCIM_V1_CORE_SCHEMA, SCIM_V1_ENTERPRISE_SCHEMA],
      userName: 'u',
      active: 'true',
      employeeNumber: '1',
      emails: [{ value: 'a@x', primary: 'true' }],
      [SCIM_V1_ENTERPRISE_SCHEMA]: { manager: { managerId: 'm' } },
    });
    const user = userFromV1(body);
    expect(user.active).toBe(true);
    expect(body.emails[0]!.primary).toBe('true');
  });
});
