import { describe, expect, it } from '@jest/globals';
import { RFC_ENTERPRISE_USER, RFC_GROUP } from '../resource/fixtures/rfc7643-examples.js';
import { createCoreRegistry } from '../schema/core-registry.js';
import { defineAttribute, defineComplex } from '../schema/definitions/define-attribute.js';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../schema/urns.js';
import { projectAttributes } from './project-attributes.js';

const registry = createCoreRegistry({
  extensions: [
    {
      resourceType: 'User',
      schema: {
        id: 'urn:acme:scim:security',
        name: 'Security',
        attributes: [
          defineAttribute('riskScore', { type: 'integer', returned: 'request' }),
          defineAttribute('badge', { returned: 'default' }),
        ],
      },
    },
  ],
});
const context = { registry, scope: registry.scopeOf('User') };
const stored = {
  ...structuredClone(RFC_ENTERPRISE_USER),
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, 'urn:acme:scim:security'],
  'urn:acme:scim:security': { riskScore: 7, badge: 'B-1' },
};

describe('projectAttributes: returned characteristic without parameters', () => {
  const projected = projectAttributes(stored, {}, context) as Record<string, unknown>;

  it('never returns the password', () => {
    expect(projected).not.toHaveProperty('password');
  });

  it('returns default attributes, id and schemas', () => {
    expect(projected.schemas).toEqual(stored.schemas);
    expect(projected.id).toBe(stored.id);
    expect(projected.userName).toBe('bjensen@example.com');
    expect(projected.meta).toEqual(stored.meta);
    expect(projected.emails).toEqual(stored.emails);
    expect(projected[ENTERPRISE_USER_SCHEMA]).toEqual(stored[ENTERPRISE_USER_SCHEMA]);
  });

  it('leaves out attributes returned only on request', () => {
    expect(projected['urn:acme:scim:security']).toEqual({ badge: 'B-1' });
  });

  it('does not change the resource', () => {
    expect(stored.password).toBe('t1meMa$heen');
  });
});

describe('projectAttributes: attributes', () => {
  it('returns only the named attributes plus id and schemas', () => {
    expect(projectAttributes(stored, { attributes: ['userName', 'displayName'] }, context)).toEqual({
      schemas: stored.schemas,
      id: stored.id,
      userName: stored.userName,
      displayName: stored.displayName,
    });
  });

  it('never returns the password, even when asked for', () => {
    expect(projectAttributes(stored, { attributes: ['password', 'userName'] }, context)).not.toHaveProperty(
      'password',
    );
  });

  it('projects sub-attributes of single- and multi-valued complex attributes', () => {
    const projected = projectAttributes(
      stored,
      { attributes: ['name.givenName', 'emails.value'] },
      context,
    ) as Record<string, unknown>;
    expect(projected.name).toEqual({ givenName: 'Barbara' });
    expect(projected.emails).toEqual([{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }]);
  });

  it('returns a whole complex attribute when its parent is named, even with a sub-attribute too', () => {
    const projected = projectAttributes(
      stored,
      { attributes: ['name', 'name.givenName'] },
      context,
    ) as Record<string, unknown>;
    expect(projected.name).toEqual(stored.name);
  });

  it('matches names without case and with the core URN', () => {
    const projected = projectAttributes(
      stored,
      { attributes: ['USERNAME', `${USER_SCHEMA}:Name.FamilyName`] },
      context,
    );
    expect(projected).toEqual({
      schemas: stored.schemas,
      id: stored.id,
      userName: stored.userName,
      name: { familyName: 'Jensen' },
    });
  });

  it('selects extension attributes qualified, unqualified, or the whole extension by URN', () => {
    expect(
      projectAttributes(stored, { attributes: [`${ENTERPRISE_USER_SCHEMA}:department`] }, context),
    ).toEqual({
      schemas: stored.schemas,
      id: stored.id,
      [ENTERPRISE_USER_SCHEMA]: { department: 'Tour Operations' },
    });
    expect(projectAttributes(stored, { attributes: ['manager.value'] }, context)).toEqual({
      schemas: stored.schemas,
      id: stored.id,
      [ENTERPRISE_USER_SCHEMA]: { manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } },
    });
    const whole = projectAttributes(
      stored,
      { attributes: [ENTERPRISE_USER_SCHEMA.toUpperCase()] },
      context,
    ) as Record<string, unknown>;
    expect(whole[ENTERPRISE_USER_SCHEMA]).toEqual(stored[ENTERPRISE_USER_SCHEMA]);
    expect(whole).not.toHaveProperty('userName');
  });

  it('returns a request-only attribute when it is named', () => {
    expect(projectAttributes(stored, { attributes: ['riskScore'] }, context)).toEqual({
      schemas: stored.schemas,
      id: stored.id,
      'urn:acme:scim:security': { riskScore: 7 },
    });
    // Naming the whole extension returns its default attributes, not the request-only one.
    expect(projectAttributes(stored, { attributes: ['urn:acme:scim:security'] }, context)).toEqual({
      schemas: stored.schemas,
      id: stored.id,
      'urn:acme:scim:security': { badge: 'B-1' },
    });
  });

  it('returns nothing for names no schema knows, and omits empty results', () => {
    expect(projectAttributes(stored, { attributes: ['shoeSize', 'emails.display'] }, context)).toEqual({
      schemas: stored.schemas,
      id: stored.id,
    });
  });

  it('works on groups: members.value', () => {
    const projected = projectAttributes(
      RFC_GROUP,
      { attributes: ['members.value'] },
      { registry, scope: registry.scopeOf('Group') },
    );
    expect(projected).toEqual({
      schemas: RFC_GROUP.schemas,
      id: RFC_GROUP.id,
      members: RFC_GROUP.members.map((m) => ({ value: m.value })),
    });
  });
});

describe('projectAttributes: excludedAttributes', () => {
  it('removes the named attributes and keeps the rest', () => {
    const projected = projectAttributes(
      stored,
      { excludedAttributes: ['emails', 'meta'] },
      context,
    ) as Record<string, unknown>;
    expect(projected).not.toHaveProperty('emails');
    expect(projected).not.toHaveProperty('meta');
    expect(projected.userName).toBe(stored.userName);
    expect(projected).not.toHaveProperty('password');
  });

  it('cannot remove attributes returned always', () => {
    expect(projectAttributes(stored, { excludedAttributes: ['id', 'schemas'] }, context)).toMatchObject({
      id: stored.id,
      schemas: stored.schemas,
    });
  });

  it('removes single sub-attributes', () => {
    const projected = projectAttributes(
      stored,
      { excludedAttributes: ['name.middleName', 'emails.type'] },
      context,
    ) as Record<string, unknown>;
    const { middleName: _m, ...name } = stored.name;
    expect(projected.name).toEqual(name);
    expect(projected.emails).toEqual([
      { value: 'bjensen@example.com', primary: true },
      { value: 'babs@jensen.org' },
    ]);
  });

  it('removes a whole extension by its URN, or one of its attributes', () => {
    expect(
      projectAttributes(stored, { excludedAttributes: [ENTERPRISE_USER_SCHEMA] }, context),
    ).not.toHaveProperty([ENTERPRISE_USER_SCHEMA]);
    const projected = projectAttributes(
      stored,
      { excludedAttributes: ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager'] },
      context,
    ) as unknown as Record<string, Record<string, unknown>>;
    expect(projected[ENTERPRISE_USER_SCHEMA]).not.toHaveProperty('manager');
    expect(projected[ENTERPRISE_USER_SCHEMA]!.department).toBe('Tour Operations');
  });

  it('keeps data the schemas do not describe unless attributes were asked for', () => {
    const withExtra = { ...stored, legacyFlag: true };
    expect(projectAttributes(withExtra, {}, context)).toHaveProperty('legacyFlag', true);
    expect(projectAttributes(withExtra, { attributes: ['userName'] }, context)).not.toHaveProperty(
      'legacyFlag',
    );
  });
});

describe('projectAttributes: returned characteristic of sub-attributes', () => {
  const reg = createCoreRegistry({
    extensions: [
      {
        resourceType: 'User',
        schema: {
          id: 'urn:acme:device',
          name: 'Device',
          attributes: [
            defineComplex('token', [
              defineAttribute('serial'),
              defineAttribute('seed', { returned: 'request' }),
              defineAttribute('pin', { returned: 'never', mutability: 'writeOnly' }),
            ]),
          ],
        },
      },
    ],
  });
  const ctx = { registry: reg, scope: reg.scopeOf('User') };
  const resource = {
    schemas: [USER_SCHEMA],
    id: '1',
    'urn:acme:device': { token: { serial: 'S1', seed: 'abc', pin: '1234' } },
  };
  const tokenOf = (request: Parameters<typeof projectAttributes>[1]) =>
    (
      projectAttributes(resource, request, ctx) as unknown as Record<
        string,
        Record<string, unknown> | undefined
      >
    )['urn:acme:device']?.token;

  it('returns default sub-attributes only, without parameters or when the parent is named', () => {
    expect(tokenOf({})).toEqual({ serial: 'S1' });
    expect(tokenOf({ attributes: ['token'] })).toEqual({ serial: 'S1' });
  });

  it('returns a request-only sub-attribute when it is named, and never a never one', () => {
    expect(tokenOf({ attributes: ['token.seed', 'token.pin'] })).toEqual({ seed: 'abc' });
  });
});
