import { describe, expect, it } from '@jest/globals';
import { createCoreRegistry } from '../schema/core-registry.js';
import { defineAttribute } from '../schema/definitions/define-attribute.js';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../schema/urns.js';
import { catchScimError as scimError } from './fixtures/catch-scim-error.js';
import { validateResource, type ValidateResourceOptions } from './validate-resource.js';

const registry = createCoreRegistry();
const user: ValidateResourceOptions = { registry, scope: registry.scopeOf('User'), mode: 'create' };

describe('validateResource: types and lenient coercion', () => {
  it.each([
    [{ userName: 'a', emails: { value: 'a@b.c' } }, 'emails', 'multi-valued'],
    [{ userName: 'a', name: 'Barbara Jensen' }, 'name', 'expects an object'],
    [{ userName: 'a', displayName: ['x'] }, 'displayName', 'single-valued'],
    [{ userName: 42 }, 'userName', 'expects a string'],
    [
      { userName: 'a', emails: [{ value: 'a@b.c' }, { value: 'd@e.f', primary: 'yes' }] },
      'emails[1].primary',
      'boolean',
    ],
    [{ userName: 'a', active: 1 }, 'active', 'boolean'],
    [{ userName: 'a', x509Certificates: [{ value: 17 }] }, 'x509Certificates[0].value', 'binary'],
  ])('rejects %j naming %s', (body, path, expected) => {
    const error = scimError(() => validateResource(body, user));
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toContain(`"${path}"`);
    expect(error.detail).toContain(expected);
  });

  it('reads string booleans as booleans (SCIM 1.1 clients, Entra ID)', () => {
    const cleaned = validateResource(
      { userName: 'a', active: 'False', emails: [{ value: 'a@b.c', primary: 'True' }] },
      user,
    );
    expect(cleaned.active).toBe(false);
    expect(cleaned.emails).toEqual([{ value: 'a@b.c', primary: true }]);
  });

  it('checks integer and dateTime attributes of an extension', () => {
    const reg = createCoreRegistry({
      extensions: [
        {
          resourceType: 'User',
          schema: {
            id: 'urn:acme:hr',
            name: 'Hr',
            attributes: [
              defineAttribute('level', { type: 'integer' }),
              defineAttribute('hired', { type: 'dateTime' }),
            ],
          },
        },
      ],
    });
    const options = { registry: reg, scope: reg.scopeOf('User'), mode: 'create' as const };
    expect(
      scimError(() => validateResource({ userName: 'a', 'urn:acme:hr': { level: 2.5 } }, options)).detail,
    ).toContain('"urn:acme:hr:level" expects an integer');
    expect(
      scimError(() => validateResource({ userName: 'a', 'urn:acme:hr': { hired: 'last May' } }, options))
        .detail,
    ).toContain('"urn:acme:hr:hired" expects a dateTime');
    const ok = validateResource(
      { userName: 'a', 'urn:acme:hr': { level: 3, hired: '2024-05-01T09:00:00Z' } },
      options,
    );
    expect(ok['urn:acme:hr']).toEqual({ level: 3, hired: '2024-05-01T09:00:00Z' });
  });

  it('rejects two primary values of one attribute', () => {
    const body = {
      userName: 'a',
      emails: [
        { value: 'a@b.c', primary: true },
        { value: 'd@e.f', primary: 'true' },
      ],
    };
    expect(scimError(() => validateResource(body, user)).detail).toContain(
      '"emails" has 2 values marked primary',
    );
  });

  it('treats null as no value and drops it', () => {
    const cleaned = validateResource(
      { userName: 'a', displayName: null, emails: [null, { value: 'a@b.c', type: null }] },
      user,
    );
    expect(cleaned).toEqual({ schemas: [USER_SCHEMA], userName: 'a', emails: [{ value: 'a@b.c' }] });
  });
});

describe('validateResource: names, unknown and readOnly attributes', () => {
  it('spells attribute names as the schema does, whatever case the client used', () => {
    const cleaned = validateResource(
      {
        USERNAME: 'a',
        Name: { GivenName: 'B' },
        EMAILS: [{ Value: 'a@b.c' }],
        'URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER': { EMPLOYEENUMBER: '7' },
      },
      user,
    );
    expect(cleaned).toEqual({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      userName: 'a',
      name: { givenName: 'B' },
      emails: [{ value: 'a@b.c' }],
      [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '7' },
    });
  });

  it('rejects one attribute sent twice in different case', () => {
    expect(scimError(() => validateResource({ userName: 'a', username: 'b' }, user)).detail).toMatch(
      /"userName" and "username"/,
    );
  });

  it('drops unknown attributes by default and reports them', () => {
    const ignored: [string, string][] = [];
    const cleaned = validateResource(
      {
        userName: 'a',
        shoeSize: 44,
        emails: [{ value: 'a@b.c', verified: true }],
        'urn:acme:other': { x: 1 },
        id: 'mine',
      },
      { ...user, onIgnoredAttribute: (path, reason) => ignored.push([path, reason]) },
    );
    expect(cleaned).toEqual({ schemas: [USER_SCHEMA], userName: 'a', emails: [{ value: 'a@b.c' }] });
    expect(ignored).toEqual(
      expect.arrayContaining([
        ['shoeSize', 'unknown'],
        ['emails[0].verified', 'unknown'],
        ['urn:acme:other', 'unknown'],
        ['id', 'readOnly'],
      ]),
    );
  });

  it('rejects unknown attributes in strict mode, naming them', () => {
    const strict = { ...user, unknownAttributes: 'reject' as const };
    expect(scimError(() => validateResource({ userName: 'a', shoeSize: 44 }, strict)).detail).toContain(
      '"shoeSize"',
    );
    expect(
      scimError(() => validateResource({ userName: 'a', name: { nick: 'x' } }, strict)).detail,
    ).toContain('"name.nick"');
    expect(
      scimError(() => validateResource({ schemas: [USER_SCHEMA, 'urn:acme:x'], userName: 'a' }, strict))
        .detail,
    ).toContain('urn:acme:x');
  });

  it('ignores readOnly attributes sent by the client, including sub-attributes', () => {
    const cleaned = validateResource(
      {
        userName: 'a',
        id: 'client-chosen',
        meta: { created: '2020-01-01T00:00:00Z' },
        groups: [{ value: 'g1' }],
        [ENTERPRISE_USER_SCHEMA]: { manager: { value: 'm1', displayName: 'Boss' } },
      },
      user,
    );
    expect(cleaned).toEqual({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      userName: 'a',
      [ENTERPRISE_USER_SCHEMA]: { manager: { value: 'm1' } },
    });
  });
});
