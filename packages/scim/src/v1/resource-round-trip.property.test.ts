import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { ScimResource, ScimValue } from '../resource/scim-resource.js';
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  SCIM_V1_CORE_SCHEMA,
  SCIM_V1_ENTERPRISE_SCHEMA,
  USER_SCHEMA,
} from '../schema/urns.js';
import { resourceFromV1 } from './resource-from-v1.js';
import { resourceToV1, type ScimV1Resource } from './resource-to-v1.js';

const CUSTOM_SCHEMAS = ['urn:acme:params:scim:schemas:extension:badge:2.0:User', 'urn:example:custom'];

const text = fc.string({ maxLength: 12 });
const attributeName = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/);
/** Values a custom extension may hold: passed through untouched, whatever they are. */
const customValue: fc.Arbitrary<ScimValue> = fc.oneof(
  text,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(attributeName, text, { maxKeys: 3 }),
);

const multiValue = (types: string[]) =>
  fc.record(
    { value: text, type: fc.constantFrom(...types), display: text, primary: fc.boolean() },
    { requiredKeys: ['value'] },
  );

const meta = (resourceType: string) =>
  fc.record(
    {
      resourceType: fc.constant(resourceType),
      created: fc.constant('2020-02-02T10:00:00Z'),
      lastModified: fc.constant('2021-03-03T11:00:00Z'),
      version: text,
      location: text,
    },
    { requiredKeys: ['resourceType', 'created'] },
  );

const enterprise = fc.record(
  {
    employeeNumber: text,
    costCenter: text,
    organization: text,
    division: text,
    department: text,
    manager: fc.record({ value: text, displayName: text }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

const userArbitrary: fc.Arbitrary<ScimResource> = fc
  .record(
    {
      id: text,
      externalId: text,
      userName: text,
      name: fc.record(
        {
          formatted: text,
          familyName: text,
          givenName: text,
          middleName: text,
          honorificPrefix: text,
          honorificSuffix: text,
        },
        { requiredKeys: [] },
      ),
      displayName: text,
      title: text,
      userType: text,
      preferredLanguage: text,
      active: fc.boolean(),
      password: text,
      emails: fc.array(multiValue(['work', 'home', 'other']), { maxLength: 3 }),
      phoneNumbers: fc.array(multiValue(['work', 'mobile', 'fax']), { maxLength: 2 }),
      groups: fc.array(multiValue(['direct', 'indirect']), { maxLength: 2 }),
      x509Certificates: fc.array(fc.record({ value: fc.base64String({ maxLength: 16 }) }), { maxLength: 2 }),
      addresses: fc.array(
        fc.record(
          {
            type: fc.constantFrom('work', 'home'),
            formatted: text,
            locality: text,
            country: text,
            primary: fc.boolean(),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 2 },
      ),
      meta: meta('User'),
    },
    { requiredKeys: ['userName'] },
  )
  .chain((core) =>
    fc
      .record(
        {
          enterprise: fc.option(enterprise, { nil: undefined }),
          custom: fc.option(
            fc.tuple(
              fc.constantFrom(...CUSTOM_SCHEMAS),
              fc.dictionary(attributeName, customValue, { maxKeys: 4 }),
            ),
            {
              nil: undefined,
            },
          ),
        },
        { requiredKeys: [] },
      )
      .map(({ enterprise: ent, custom }) => {
        const user: ScimResource = { schemas: [USER_SCHEMA], ...(core as Record<string, ScimValue>) };
        if (ent) {
          user.schemas.push(ENTERPRISE_USER_SCHEMA);
          user[ENTERPRISE_USER_SCHEMA] = ent as Record<string, ScimValue>;
        }
        if (custom) {
          user.schemas.push(custom[0]);
          user[custom[0]] = custom[1];
        }
        return user;
      }),
  );

const groupArbitrary: fc.Arbitrary<ScimResource> = fc
  .record(
    {
      id: text,
      displayName: text,
      members: fc.array(
        fc.record(
          { value: text, display: text, type: fc.constantFrom('User', 'Group') },
          { requiredKeys: ['value'] },
        ),
        {
          maxLength: 4,
        },
      ),
      meta: meta('Group'),
    },
    { requiredKeys: ['displayName'] },
  )
  .map((group) => ({ schemas: [GROUP_SCHEMA], ...(group as Record<string, ScimValue>) }));

/** Writes every boolean of active / primary as a string, as many 1.1 peers do. */
function stringifyBooleans(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((entry) => stringifyBooleans(entry, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringifyBooleans(v, k)]));
  }
  return typeof value === 'boolean' && (key === 'active' || key === 'primary') ? String(value) : value;
}

function hasNo2Urns(v1: ScimV1Resource): boolean {
  const names = [...v1.schemas, ...Object.keys(v1)];
  return !names.some((name) => name.startsWith('urn:ietf:params:scim:'));
}

describe('resource conversion properties', () => {
  it('2.0 User → 1.1 → 2.0 is the identity, also when the 1.1 side writes booleans as strings', () => {
    fc.assert(
      fc.property(userArbitrary, fc.boolean(), (user, asStrings) => {
        const v1 = resourceToV1(user);
        expect(hasNo2Urns(v1)).toBe(true);
        expect(v1.schemas[0]).toBe(SCIM_V1_CORE_SCHEMA);
        const wire = asStrings ? stringifyBooleans(v1) : v1;
        expect(resourceFromV1(wire, 'User')).toEqual(user);
      }),
    );
  });

  it('2.0 Group → 1.1 → 2.0 is the identity', () => {
    fc.assert(
      fc.property(groupArbitrary, (group) => {
        const v1 = resourceToV1(group);
        expect(v1.schemas).toEqual([SCIM_V1_CORE_SCHEMA]);
        expect(resourceFromV1(v1, 'Group')).toEqual(group);
      }),
    );
  });

  it('1.1 → 2.0 → 1.1 gives back the 1.1 body the 2.0 User converts to', () => {
    fc.assert(
      fc.property(userArbitrary, (user) => {
        const v1 = resourceToV1(user);
        const again = resourceToV1(resourceFromV1(JSON.parse(JSON.stringify(v1)), 'User'));
        expect(again).toEqual(v1);
        if (user[ENTERPRISE_USER_SCHEMA]) expect(again.schemas).toContain(SCIM_V1_ENTERPRISE_SCHEMA);
      }),
    );
  });
});
