import type { ProjectionRequest } from '@idsync/scim';
import type { ResourceTypeName } from '../store/resource-collection.js';
import { isNotModified } from './etag-precondition.js';
import { existing, resourceAnswer } from './resource-answer.js';
import { checkOperation } from './run-policies.js';
import type { Outcome, TargetContext } from './target-context.js';

/** GET /Users/{id}, GET /Groups/{id}: 304 when `If-None-Match` names the current version. */
export function getResource(
  context: TargetContext,
  resourceType: ResourceTypeName,
  id: string,
  request: { readonly ifNoneMatch?: string; readonly projection: ProjectionRequest },
): Outcome {
  checkOperation(context, resourceType, 'get');
  const stored = existing(context, resourceType, id);
  if (isNotModified(context.etag, stored, request.ifNoneMatch)) {
    return { status: 304, headers: { etag: stored.meta!.version! } };
  }
  return resourceAnswer(context, resourceType, stored, {
    status: 200,
    read: true,
    projection: request.projection,
  });
}
