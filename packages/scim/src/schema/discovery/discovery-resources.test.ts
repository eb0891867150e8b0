import { describe, expect, it } from '@jest/globals';
import { createCoreRegistry, GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from '../core-registry.js';
import { USER_SCHEMA_DEFINITION } from '../definitions/user-schema.js';
import { ENTERPRISE_USER_SCHEMA, RESOURCE_TYPE_SCHEMA, SCHEMA_SCHEMA, USER_SCHEMA } from '../urns.js';
import { discoveryLocation } from './discovery-location.js';
import { resourceTypeResource } from './resource-type-resource.js';
import { schemaResource } from './schema-resource.js';

describe('discoveryLocation', () => {
  it.each([
    ['https://h/scim/v2', ['Schemas', USER_SCHEMA], `https://h/scim/v2/Schemas/${USER_SCHEMA}`],
    ['https://h/scim/v2/', ['ResourceTypes', 'User'], 'https://h/scim/v2/ResourceTypes/User'],
    ['https://h//', ['/ServiceProviderConfig/'], 'https://h/ServiceProviderConfig'],
  ])('joins %s and %j without doubled slashes', (base, segments, expected) => {
    expect(discoveryLocation(base, ...segments)).toBe(expected);
  });
});

describe('resourceTypeResource', () => {
  it('builds the RFC 7643 §6 representation of User', () => {
    expect(resourceTypeResource(USER_RESOURCE_TYPE, 'https://example.com/v2')).toEqual({
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User account',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
      meta: { resourceType: 'ResourceType', location: 'https://example.com/v2/ResourceTypes/User' },
    });
  });

  it('lists an empty schemaExtensions for Group and omits a missing description', () => {
    const { description: _none, ...bare } = GROUP_RESOURCE_TYPE;
    const resource = resourceTypeResource(bare, 'https://example.com/v2');
    expect(resource.schemaExtensions).toEqual([]);
    expect('description' in resource).toBe(false);
  });

  it('includes extensions registered at run time', () => {
    const registry = createCoreRegistry();
    registry.registerSchema({
      id: 'urn:acme:user',
      name: 'Acme',
      attributes: USER_SCHEMA_DEFINITION.attributes.slice(0, 1),
    });
    registry.extendResourceType('User', 'urn:acme:user', true);
    const resource = resourceTypeResource(registry.getResourceType('User')!, 'https://x');
    expect(resource.schemaExtensions).toContainEqual({ schema: 'urn:acme:user', required: true });
  });
});

describe('schemaResource', () => {
  it('serves a schema with its URN in meta.location', () => {
    const resource = schemaResource(USER_SCHEMA_DEFINITION, 'https://example.com/v2/');
    expect(resource.schemas).toEqual([SCHEMA_SCHEMA]);
    expect(resource.id).toBe(USER_SCHEMA);
    expect(resource.name).toBe('User');
    expect(resource.meta).toEqual({
      resourceType: 'Schema',
      location: `https://example.com/v2/Schemas/${USER_SCHEMA}`,
    });
    expect(resource.attributes).toEqual(USER_SCHEMA_DEFINITION.attributes);
  });

  it('hands out a copy, so a caller changing the response cannot change the registry', () => {
    const resource = schemaResource(USER_SCHEMA_DEFINITION, 'https://x');
    (resource.attributes[0] as { required: boolean }).required = false;
    expect(USER_SCHEMA_DEFINITION.attributes[0]!.required).toBe(true);
  });

  it('serializes every schema of the core registry, including the Schema schema itself', () => {
    for (const schema of createCoreRegistry().schemas()) {
      const wire = JSON.parse(JSON.stringify(schemaResource(schema, 'https://x'))) as {
        id: string;
        attributes: unknown[];
      };
      expect(wire.id).toBe(schema.id);
      expect(wire.attributes.length).toBe(schema.attributes.length);
    }
  });
});
