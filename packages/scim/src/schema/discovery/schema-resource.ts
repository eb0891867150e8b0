import type { AttributeDefinition, SchemaDefinition } from '../attribute-definition.js';
import { SCHEMA_SCHEMA } from '../urns.js';
import { discoveryLocation } from './discovery-location.js';

/** One resource of `/Schemas` (RFC 7643 §7). */
export interface SchemaResource {
  readonly schemas: [typeof SCHEMA_SCHEMA];
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly attributes: readonly AttributeDefinition[];
  readonly meta: { readonly resourceType: 'Schema'; readonly location: string };
}

/**
 * Builds the wire form of a schema; its location is `{baseUrl}/Schemas/{urn}`. Attribute
 * definitions already carry every characteristic (see `defineAttribute`), so they are served
 * as they are — a deep copy, so a response cannot alter the registry.
 */
export function schemaResource(schema: SchemaDefinition, baseUrl: string): SchemaResource {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: schema.id,
    name: schema.name,
    ...(schema.description !== undefined ? { description: schema.description } : {}),
    attributes: structuredClone(schema.attributes) as AttributeDefinition[],
    meta: { resourceType: 'Schema', location: discoveryLocation(baseUrl, 'Schemas', schema.id) },
  };
}
