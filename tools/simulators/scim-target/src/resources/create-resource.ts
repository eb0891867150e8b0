import { validateResource, type ProjectionRequest } from '@idsync/scim';
import type { ResourceTypeName } from '../store/resource-collection.js';
import { normaliseMembers } from './member-references.js';
import { resourceAnswer } from './resource-answer.js';
import { checkOperation, checkWrite } from './run-policies.js';
import type { Outcome, TargetContext } from './target-context.js';

/**
 * POST /Users, POST /Groups: validated against the schema (client-sent `id` and `meta` are
 * ignored), checked by the profile's policies (required attributes, uniqueness, limits), then
 * stored and answered with 201, `Location` and the full resource.
 */
export function createResource(
  context: TargetContext,
  resourceType: ResourceTypeName,
  body: unknown,
  projection: ProjectionRequest,
): Outcome {
  checkOperation(context, resourceType, 'create');
  const input = context.codec.decodeResource(body, resourceType);
  let resource = validateResource(input, {
    registry: context.registry,
    scope: context.registry.scopeOf(resourceType),
    mode: 'create',
  });
  if (resourceType === 'Group') resource = normaliseMembers(context, resource);
  checkWrite(context, resourceType, { operation: 'create', after: resource });
  const stored = context.store.collection(resourceType).insert(resource);
  return resourceAnswer(context, resourceType, stored, { status: 201, read: false, projection });
}
