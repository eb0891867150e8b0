import type { ObjectType } from '@idsync/core';
import {
  discoveryLocation,
  projectAttributes,
  type ProjectionRequest,
  type SchemaRegistry,
  type ScimResource,
} from '@idsync/scim';

type Json = Record<string, unknown>;

/** The endpoint segment of a resource type. */
export const ENDPOINT_OF: Readonly<Record<ObjectType, string>> = { User: 'Users', Group: 'Groups' };

/** The absolute URL of a hub object under a mount. */
export function resourceLocation(baseUrl: string, type: ObjectType, id: string): string {
  return discoveryLocation(baseUrl, ENDPOINT_OF[type], id);
}

function withReferences(entries: unknown, baseUrl: string, fallback: ObjectType): unknown {
  if (!Array.isArray(entries)) return entries;
  return entries.map((entry: unknown) => {
    if (!entry || typeof entry !== 'object') return entry;
    const item = entry as Json;
    if (typeof item.value !== 'string') return item;
    const type: ObjectType = item.type === 'Group' ? 'Group' : item.type === 'User' ? 'User' : fallback;
    return { ...item, $ref: resourceLocation(baseUrl, type, item.value) };
  });
}

/**
 * Adds what depends on where the resource is served: `meta.location`, and `$ref` on group
 * members and on a user's groups (RFC 7643 §4.1.2, §4.2). The hub stores none of these, so the
 * same object reads right under /scim/v2, /scim/v1 or behind a proxy.
 */
export function withLocations(resource: ScimResource, type: ObjectType, baseUrl: string): ScimResource {
  const out: Json = { ...resource };
  if (typeof resource.id === 'string') {
    out.meta = {
      ...(resource.meta ?? {}),
      resourceType: type,
      location: resourceLocation(baseUrl, type, resource.id),
    };
  }
  if (type === 'Group' && out.members !== undefined)
    out.members = withReferences(out.members, baseUrl, 'User');
  if (type === 'User' && out.groups !== undefined) out.groups = withReferences(out.groups, baseUrl, 'Group');
  return out as ScimResource;
}

export interface PresentContext {
  readonly baseUrl: string;
  readonly registry: SchemaRegistry;
  readonly projection: ProjectionRequest;
}

/** Adds locations and applies `attributes`/`excludedAttributes` and `returned`; the result is canonical 2.0. */
export function presentResource(
  resource: ScimResource,
  type: ObjectType,
  context: PresentContext,
): ScimResource {
  const located = withLocations(resource, type, context.baseUrl);
  const scope = context.registry.scopeOf(type);
  return projectAttributes(located, context.projection, { registry: context.registry, scope });
}
