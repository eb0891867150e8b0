import type { ResourceTypeDefinition } from '../attribute-definition.js';
import { RESOURCE_TYPE_SCHEMA } from '../urns.js';
import { discoveryLocation } from './discovery-location.js';

/** One resource of `/ResourceTypes` (RFC 7643 §6). */
export interface ResourceTypeResource {
  readonly schemas: [typeof RESOURCE_TYPE_SCHEMA];
  readonly id: string;
  readonly name: string;
  readonly endpoint: string;
  readonly description?: string;
  readonly schema: string;
  readonly schemaExtensions: { readonly schema: string; readonly required: boolean }[];
  readonly meta: { readonly resourceType: 'ResourceType'; readonly location: string };
}

/** Builds the wire form of a resource type; its location is `{baseUrl}/ResourceTypes/{id}`. */
export function resourceTypeResource(
  resourceType: ResourceTypeDefinition,
  baseUrl: string,
): ResourceTypeResource {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: resourceType.id,
    name: resourceType.name,
    endpoint: resourceType.endpoint,
    ...(resourceType.description !== undefined ? { description: resourceType.description } : {}),
    schema: resourceType.schema,
    schemaExtensions: resourceType.schemaExtensions.map((e) => ({ schema: e.schema, required: e.required })),
    meta: {
      resourceType: 'ResourceType',
      location: discoveryLocation(baseUrl, 'ResourceTypes', resourceType.id),
    },
  };
}
