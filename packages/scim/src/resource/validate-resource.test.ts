import { describe, expect, it } from '@jest/globals';
import { createCoreRegistry } from '../schema/core-registry.js';
import { defineAttribute, defineComplex } from '../schema/definitions/define-attribute.js';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from '../schema/urns.js';
import { catchScimError as scimError } from './fixtures/catch-scim-error.js';
import { RFC_ENTERPRISE_USER, RFC_FULL_USER, RFC_GROUP } from './fixtures/rfc7643-examples.js';
import type { ScimResource } from './scim-resource.js';
import { validateResource, type ValidateResourceOptions } from './validate-resource.js';

const registry = createCoreRegistry();
const user: ValidateResourceOptions = { registry, scope: registry.scopeOf('User'), mode: 'create' };
const group: ValidateResourceOptions = { registry, scope: registry.scopeOf('Group'), mode: 'create' };

describe('validateResource: RFC 7643 examples', () => {
  it('accepts the §8.2 full user and drops only the readOnly attributes', () => {
    const cleaned = validateResource(RFC_FULL_USER, user);
    const { id: _id, meta: _meta, groups: _groups, ...writable } = RFC_FULL_USER;
    expect(cleaned).toEqual(writable);
  });

  it('keeps the writeOnly password on input', () => {
    expect(validateResource(RFC_FULL_USER, user).password).toBe('t1meMa$heen');
  });

  it('accepts the §8.3 enterprise user and drops manager.displayName (readOnly)', () => {
    const cleaned = validateResource(RFC_ENTERPRISE_USER, user);
    expect(cleaned.schemas).toEqual([USER_SCHEMA, ENTERPRISE_USER_SCHEMA]);
    expect(cleaned[ENTERPRISE_USER_SCHEMA]).toEqual({
      employeeNumber: '701984',
      costCenter: '4130',
      organization: 'Universal Studios',
      division: 'Theme Park',
      department: 'Tour Operations',
      manager: {
        value: '26118915-6090-4610-87e4-49d8ca9f808d',
        $ref: '../Users/26118915-6090-4610-87e4-49d8ca9f808d',
      },
    });
  });

  it('accepts the §8.4 group with its members', () => {
    const cleaned = validateResource(RFC_GROUP, group);
    expect(cleaned.schemas).toEqual([GROUP_SCHEMA]);
    expect(cleaned.displayName).toBe('Tour Guides');
    expect(cleaned.members).toEqual(RFC_GROUP.members);
    expect(cleaned.id).toBeUndefined();
  });

  it('does not change the input', () => {
    const input = structuredClone(RFC_ENTERPRISE_USER);
    validateResource(input, user);
    expect(input).toEqual(RFC_ENTERPRISE_USER);
  });
});

describe('validateResource: required attributes', () => {
  it.each([
    ['missing', { schemas: [USER_SCHEMA] }],
    ['null', { schemas: [USER_SCHEMA], userName: null }],
    ['empty', { schemas: [USER_SCHEMA], userName: '' }],
  ])('rejects a user whose userName is %s', (_label, body) => {
    const error = scimError(() => validateResource(body, user));
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toContain('"userName" is required');
  });

  it('requires displayName on a group', () => {
    expect(
      scimError(() => validateResource({ schemas: [GROUP_SCHEMA], members: [] }, group)).detail,
    ).toContain('"displayName"');
  });

  it('checks required attributes in replace mode too', () => {
    expect(() =>
      validateResource({ schemas: [USER_SCHEMA], displayName: 'x' }, { ...user, mode: 'replace' }),
    ).toThrow(/userName/);
  });

  it('checks required sub-attributes and names them with their path', () => {
    const reg = createCoreRegistry({
      extensions: [
        {
          resourceType: 'User',
          schema: {
            id: 'urn:acme:badge',
            name: 'Badge',
            attributes: [
              defineComplex(
                'badges',
                [defineAttribute('serial', { required: true }), defineAttribute('colour')],
                { multiValued: true },
              ),
            ],
          },
        },
      ],
    });
    const options = { registry: reg, scope: reg.scopeOf('User'), mode: 'create' as const };
    const body = { userName: 'a', 'urn:acme:badge': { badges: [{ serial: '1' }, { colour: 'red' }] } };
    expect(scimError(() => validateResource(body, options)).detail).toContain(
      '"urn:acme:badge:badges[1].serial" is required',
    );
  });

  it('requires an extension the resource type marks required', () => {
    const reg = createCoreRegistry({
      extensions: [
        {
          resourceType: 'User',
          required: true,
          schema: { id: 'urn:acme:hr', name: 'Hr', attributes: [defineAttribute('grade')] },
        },
      ],
    });
    const options = { registry: reg, scope: reg.scopeOf('User'), mode: 'create' as const };
    expect(scimError(() => validateResource({ userName: 'a' }, options)).detail).toContain(
      '"urn:acme:hr" is required',
    );
    expect(validateResource({ userName: 'a', 'urn:acme:hr': { grade: 'B' } }, options).schemas).toEqual([
      USER_SCHEMA,
      'urn:acme:hr',
    ]);
  });
});

describe('validateResource: schemas', () => {
  it('fills in schemas when the client left them out', () => {
    expect(validateResource({ userName: 'a' }, user).schemas).toEqual([USER_SCHEMA]);
  });

  it('adds an extension that carries data but was not listed', () => {
    expect(
      validateResource(
        { schemas: [USER_SCHEMA], userName: 'a', [ENTERPRISE_USER_SCHEMA]: { department: 'R&D' } },
        user,
      ).schemas,
    ).toEqual([USER_SCHEMA, ENTERPRISE_USER_SCHEMA]);
  });

  it('rejects schemas without the core schema, or not a list', () => {
    expect(
      scimError(() => validateResource({ schemas: [ENTERPRISE_USER_SCHEMA], userName: 'a' }, user)).detail,
    ).toContain(USER_SCHEMA);
    expect(scimError(() => validateResource({ schemas: USER_SCHEMA, userName: 'a' }, user)).detail).toContain(
      '"schemas"',
    );
  });

  it('rejects an extension that is not an object', () => {
    expect(
      scimError(() => validateResource({ userName: 'a', [ENTERPRISE_USER_SCHEMA]: 'x' }, user)).detail,
    ).toContain(ENTERPRISE_USER_SCHEMA);
  });

  it.each([[null], [[]], ['{"userName":"a"}']])('rejects a body that is not an object: %j', (body) => {
    expect(scimError(() => validateResource(body, user)).scimType).toBe('invalidSyntax');
  });
});

describe('validateResource: immutable attributes on replace', () => {
  const reg = createCoreRegistry({
    extensions: [
      {
        resourceType: 'User',
        schema: {
          id: 'urn:acme:hr',
          name: 'Hr',
          attributes: [defineAttribute('personnelId', { mutability: 'immutable' })],
        },
      },
    ],
  });
  const existing = {
    schemas: [USER_SCHEMA, 'urn:acme:hr'],
    id: '1',
    userName: 'a',
    'urn:acme:hr': { personnelId: 'P1' },
  } as ScimResource;
  const replace = { registry: reg, scope: reg.scopeOf('User'), mode: 'replace' as const, existing };

  it('rejects a changed immutable value with scimType mutability', () => {
    const error = scimError(() =>
      validateResource({ userName: 'a', 'urn:acme:hr': { personnelId: 'P2' } }, replace),
    );
    expect(error.scimType).toBe('mutability');
    expect(error.detail).toContain('"urn:acme:hr:personnelId"');
  });

  it('accepts the same value, and any value when nothing was set before or on create', () => {
    expect(() =>
      validateResource({ userName: 'a', 'urn:acme:hr': { personnelId: 'P1' } }, replace),
    ).not.toThrow();
    expect(() =>
      validateResource(
        { userName: 'a', 'urn:acme:hr': { personnelId: 'P2' } },
        { ...replace, existing: { schemas: [USER_SCHEMA], userName: 'a' } },
      ),
    ).not.toThrow();
    expect(() =>
      validateResource(
        { userName: 'a', 'urn:acme:hr': { personnelId: 'P2' } },
        { ...replace, mode: 'create' },
      ),
    ).not.toThrow();
  });
});
