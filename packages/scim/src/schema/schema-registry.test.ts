import { describe, expect, it } from '@jest/globals';
import { ScimError } from '../errors/scim-error.js';
import type { SchemaDefinition } from './attribute-definition.js';
import { createCoreRegistry, GROUP_RESOURCE_TYPE } from './core-registry.js';
import { defineAttribute, defineComplex } from './definitions/define-attribute.js';
import { GROUP_SCHEMA_DEFINITION } from './definitions/group-schema.js';
import { SchemaRegistry } from './schema-registry.js';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './urns.js';

const registry = createCoreRegistry();
const userScope = registry.scopeOf('User');

describe('SchemaRegistry lookups', () => {
  it('finds schemas and resource types without regard to case', () => {
    expect(registry.getSchema(USER_SCHEMA.toUpperCase())?.id).toBe(USER_SCHEMA);
    expect(registry.getResourceType('GROUP')?.name).toBe('Group');
    expect(registry.getSchema('urn:nope')).toBeUndefined();
  });

  it.each(['/Users', 'Users', '/users', '//Users'])('finds the resource type at endpoint %s', (endpoint) => {
    expect(registry.getResourceTypeByEndpoint(endpoint)?.name).toBe('User');
  });

  it('gives the scope of a resource type, and of a resource from its schemas list', () => {
    expect(userScope).toEqual({ core: USER_SCHEMA, extensions: [ENTERPRISE_USER_SCHEMA] });
    expect(registry.scopeOfResource({ schemas: [GROUP_SCHEMA.toLowerCase()] })).toEqual({
      core: GROUP_SCHEMA,
      extensions: [],
    });
    expect(registry.scopeOfResource({ schemas: 'nope' })).toBeUndefined();
    expect(registry.scopeOfResource({})).toBeUndefined();
  });

  it('throws for an unknown resource type', () => {
    expect(() => registry.scopeOf('Device')).toThrow(/Unknown resource type "Device"/);
  });
});

describe('SchemaRegistry registration', () => {
  it('refuses a resource type whose schema is not registered', () => {
    const empty = new SchemaRegistry();
    expect(() => empty.registerResourceType(GROUP_RESOURCE_TYPE)).toThrow(
      /"urn:ietf:params:scim:schemas:core:2.0:Group", which is not registered/,
    );
    empty.registerSchema(GROUP_SCHEMA_DEFINITION).registerResourceType(GROUP_RESOURCE_TYPE);
    expect(empty.resourceTypes()).toHaveLength(1);
  });

  it('adds an extension once, whatever the case of its URN', () => {
    const reg = createCoreRegistry();
    reg.registerSchema({ id: 'urn:acme:x', name: 'X', attributes: [defineAttribute('a')] });
    reg.extendResourceType('user', 'urn:acme:x').extendResourceType('User', 'URN:ACME:X', true);
    expect(reg.getResourceType('User')!.schemaExtensions).toEqual([
      { schema: ENTERPRISE_USER_SCHEMA, required: false },
      { schema: 'urn:acme:x', required: false },
    ]);
  });

  it('refuses to extend with an unregistered schema or an unknown resource type', () => {
    expect(() => createCoreRegistry().extendResourceType('User', 'urn:acme:missing')).toThrow(ScimError);
    expect(() => createCoreRegistry().extendResourceType('Device', ENTERPRISE_USER_SCHEMA)).toThrow(
      /Unknown resource type/,
    );
  });

  it('replaces a schema registered again under the same URN', () => {
    const reg = createCoreRegistry();
    reg.registerSchema({ id: 'urn:acme:x', name: 'X', attributes: [defineAttribute('a')] });
    reg.registerSchema({ id: 'URN:ACME:X', name: 'X', attributes: [defineAttribute('b')] });
    expect(reg.getSchema('urn:acme:x')!.attributes.map((a) => a.name)).toEqual(['b']);
  });
});

describe('SchemaRegistry.resolve', () => {
  it('resolves common attributes at the top level', () => {
    expect(registry.resolve('id', userScope)).toMatchObject({
      schema: USER_SCHEMA,
      inExtension: false,
      definition: { name: 'id' },
    });
    expect(registry.resolve('META.LASTMODIFIED', userScope)?.subDefinition).toMatchObject({
      name: 'lastModified',
      type: 'dateTime',
    });
    expect(registry.resolve(`${USER_SCHEMA}:externalId`, userScope)?.definition.name).toBe('externalId');
  });

  it('resolves core attributes and sub-attributes without regard to case, in the schema spelling', () => {
    const resolved = registry.resolve('Emails.VALUE', userScope);
    expect(resolved?.definition.name).toBe('emails');
    expect(resolved?.subDefinition?.name).toBe('value');
  });

  it('resolves extension attributes qualified and, leniently, unqualified', () => {
    for (const path of [
      `${ENTERPRISE_USER_SCHEMA}:manager.value`,
      'manager.value',
      `${ENTERPRISE_USER_SCHEMA.toLowerCase()}:MANAGER.value`,
    ]) {
      expect(registry.resolve(path, userScope)).toMatchObject({
        schema: ENTERPRISE_USER_SCHEMA,
        inExtension: true,
        definition: { name: 'manager' },
        subDefinition: { name: 'value' },
      });
    }
  });

  it('does not find common attributes inside an extension', () => {
    expect(registry.resolve(`${ENTERPRISE_USER_SCHEMA}:id`, userScope)).toBeUndefined();
  });

  it('returns undefined for unknown names, sub-attributes and schemas outside the scope', () => {
    expect(registry.resolve('shoeSize', userScope)).toBeUndefined();
    expect(registry.resolve('name.nickname', userScope)).toBeUndefined();
    expect(registry.resolve(`${GROUP_SCHEMA}:displayName`, userScope)).toBeUndefined();
    expect(registry.resolve('not a path', userScope)).toBeUndefined();
    expect(registry.resolve('members', userScope)).toBeUndefined();
  });

  it('prefers the core attribute, and falls through to an extension that has the sub-attribute', () => {
    const overlapping: SchemaDefinition = {
      id: 'urn:acme:names',
      name: 'Names',
      attributes: [
        defineComplex('name', [defineAttribute('phonetic')]),
        defineAttribute('title', { caseExact: true }),
      ],
    };
    const reg = createCoreRegistry({ extensions: [{ schema: overlapping, resourceType: 'User' }] });
    const scope = reg.scopeOf('User');
    expect(reg.resolve('title', scope)).toMatchObject({ schema: USER_SCHEMA, inExtension: false });
    expect(reg.resolve('urn:acme:names:title', scope)).toMatchObject({
      schema: 'urn:acme:names',
      definition: { caseExact: true },
    });
    expect(reg.resolve('name.givenName', scope)).toMatchObject({ schema: USER_SCHEMA });
    expect(reg.resolve('name.phonetic', scope)).toMatchObject({
      schema: 'urn:acme:names',
      inExtension: true,
      subDefinition: { name: 'phonetic' },
    });
  });

  it('accepts a parsed path as well as text', () => {
    expect(registry.resolve({ attribute: 'userName' }, userScope)?.definition.uniqueness).toBe('server');
  });

  it('resolveOrThrow names the attribute and the schemas searched', () => {
    let error: unknown;
    try {
      registry.resolveOrThrow('shoeSize', userScope);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScimError);
    expect((error as ScimError).scimType).toBe('invalidPath');
    expect((error as ScimError).detail).toBe(
      `Attribute "shoeSize" is not defined in schema ${USER_SCHEMA} or ${ENTERPRISE_USER_SCHEMA}.`,
    );
    expect(() =>
      registry.resolveOrThrow({ schema: 'urn:x', attribute: 'y', subAttribute: 'z' }, userScope),
    ).toThrow(/"urn:x:y.z"/);
  });

  it('parses paths with every registered URN, keeping the registered spelling', () => {
    expect(registry.parsePath(`${ENTERPRISE_USER_SCHEMA.toUpperCase()}:department`)).toEqual({
      schema: ENTERPRISE_USER_SCHEMA,
      attribute: 'department',
    });
  });
});
