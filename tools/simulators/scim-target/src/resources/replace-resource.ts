import { validateResource, type ProjectionRequest } from '@idsync/scim';
import type { ResourceTypeName } from '../store/resource-collection.js';
import { assertIfMatch } from './etag-precondition.js';
import { normaliseMembers } from './member-references.js';
import { existing, resourceAnswer } from './resource-answer.js';
import { checkOperation, checkWrite } from './run-policies.js';
import type { Outcome, TargetContext } from './target-context.js';

/**
 * PUT /Users/{id}, PUT /Groups/{id}: the resource is replaced by what was sent (RFC 7644
 * §3.5.1) — attributes left out are cleared, immutable ones must not change, read-only ones are
 * ignored — after the If-Match check and the profile's policies.
 */
export function replaceResource(
  context: TargetContext,
  resourceType: ResourceTypeName,
  id: string,
  body: unknown,
  request: { readonly ifMatch?: string; readonly projection: ProjectionRequest },
): Outcome {
  checkOperation(context, resourceType, 'replace');
  const current = existing(context, resourceType, id);
  assertIfMatch(context.etag, current, request.ifMatch);
  const input = context.codec.decodeResource(body, resourceType);
  let resource = validateResource(input, {
    registry: context.registry,
    scope: context.registry.scopeOf(resourceType),
    mode: 'replace',
    existing: current,
  });
  resource = { ...resource, id };
  if (resourceType === 'Group') resource = normaliseMembers(context, resource);
  checkWrite(context, resourceType, { operation: 'replace', before: current, after: resource });
  const stored = context.store.collection(resourceType).update(id, resource);
  return resourceAnswer(context, resourceType, stored, {
    status: 200,
    read: false,
    projection: request.projection,
  });
}
