import type { ResourceTypeDefinition, SchemaDefinition } from './attribute-definition.js';
import { ENTERPRISE_USER_SCHEMA_DEFINITION } from './definitions/enterprise-user-schema.js';
import { GROUP_SCHEMA_DEFINITION } from './definitions/group-schema.js';
import { RESOURCE_TYPE_SCHEMA_DEFINITION } from './definitions/resource-type-schema.js';
import { SCHEMA_SCHEMA_DEFINITION } from './definitions/schema-schema.js';
import { SERVICE_PROVIDER_CONFIG_SCHEMA_DEFINITION } from './definitions/service-provider-config-schema.js';
import { USER_SCHEMA_DEFINITION } from './definitions/user-schema.js';
import { SchemaRegistry } from './schema-registry.js';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './urns.js';

/** An extension schema to add to a resource type of the core registry. */
export interface ExtensionRegistration {
  /** The extension's schema; any URN works, also ones outside `urn:ietf:params:scim:schemas:extension:`. */
  readonly schema: SchemaDefinition;
  /** The resource type it extends, by name: `User` or `Group` (case-insensitive). */
  readonly resourceType: string;
  /** Whether every resource of that type must carry the extension. Default false. */
  readonly required?: boolean;
}

export interface CoreRegistryOptions {
  /** Declare the enterprise User extension on `User`. Default true. */
  readonly enterpriseUser?: boolean;
  /** Extension schemas to register, such as a connection's custom attribute schemas. */
  readonly extensions?: readonly ExtensionRegistration[];
}

/** The `User` resource type of RFC 7643 §6, served at `/Users`. */
export const USER_RESOURCE_TYPE: ResourceTypeDefinition = {
  id: 'User',
  name: 'User',
  endpoint: '/Users',
  description: 'User account',
  schema: USER_SCHEMA,
  schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
};

/** The `Group` resource type of RFC 7643 §6, served at `/Groups`. */
export const GROUP_RESOURCE_TYPE: ResourceTypeDefinition = {
  id: 'Group',
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  schema: GROUP_SCHEMA,
  schemaExtensions: [],
};

/** The schemas of the discovery endpoints; registered so `/Schemas/{urn}` can serve them too. */
export const DISCOVERY_SCHEMA_DEFINITIONS: readonly SchemaDefinition[] = [
  SERVICE_PROVIDER_CONFIG_SCHEMA_DEFINITION,
  RESOURCE_TYPE_SCHEMA_DEFINITION,
  SCHEMA_SCHEMA_DEFINITION,
];

/**
 * A registry with the standard SCIM 2.0 schemas (User, Group, enterprise User, and the three
 * discovery schemas) and the resource types `User` and `Group`. Each call builds a new registry,
 * so one connection's custom extensions never leak into another's. Further extensions can be
 * registered later with `registerSchema` + `extendResourceType`.
 */
export function createCoreRegistry(options: CoreRegistryOptions = {}): SchemaRegistry {
  const enterprise = options.enterpriseUser ?? true;
  const registry = new SchemaRegistry(
    [
      USER_SCHEMA_DEFINITION,
      GROUP_SCHEMA_DEFINITION,
      ...(enterprise ? [ENTERPRISE_USER_SCHEMA_DEFINITION] : []),
      ...DISCOVERY_SCHEMA_DEFINITIONS,
    ],
    [enterprise ? USER_RESOURCE_TYPE : { ...USER_RESOURCE_TYPE, schemaExtensions: [] }, GROUP_RESOURCE_TYPE],
  );
  for (const extension of options.extensions ?? []) {
    registry.registerSchema(extension.schema);
    registry.extendResourceType(extension.resourceType, extension.schema.id, extension.required ?? false);
  }
  return registry;
}
