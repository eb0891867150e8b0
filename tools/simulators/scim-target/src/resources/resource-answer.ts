import { ScimError, type ProjectionRequest, type ScimResource } from '@idsync/scim';
import type { ResourceTypeName } from '../store/resource-collection.js';
import { decorate, presentRead, presentWritten } from './present-resource.js';
import { endpointOf, type Outcome, type TargetContext } from './target-context.js';

/** The stored resource, or 404 naming what was not found. */
export function existing(context: TargetContext, resourceType: ResourceTypeName, id: string): ScimResource {
  const stored = context.store.collection(resourceType).get(id);
  if (!stored)
    throw ScimError.notFound(`${resourceType} ${id} not found at /${endpointOf(resourceType)}/${id}.`);
  return stored;
}

/**
 * One resource as an answer: encoded for the wire, with its `ETag` (when ETags are on) and, for
 * a create, its `Location`. A 204 carries no body.
 */
export function resourceAnswer(
  context: TargetContext,
  resourceType: ResourceTypeName,
  stored: ScimResource,
  options: { readonly status: number; readonly read: boolean; readonly projection: ProjectionRequest },
): Outcome {
  const decorated = decorate(context, resourceType, stored);
  const headers: Record<string, string> = {};
  const version = stored.meta?.version;
  if (context.etag && version) headers.etag = version;
  if (options.status === 201) headers.location = decorated.meta!.location!;
  if (options.status === 204) return { status: 204, headers };
  const presented = options.read
    ? presentRead(context, resourceType, decorated, options.projection)
    : presentWritten(context, resourceType, decorated, options.projection);
  return { status: options.status, headers, body: context.codec.encodeResource(presented) };
}
