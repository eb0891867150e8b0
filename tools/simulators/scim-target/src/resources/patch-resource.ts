import { applyPatch, ScimError, type ProjectionRequest } from '@idsync/scim';
import type { ResourceTypeName } from '../store/resource-collection.js';
import { assertIfMatch } from './etag-precondition.js';
import { normaliseMembers } from './member-references.js';
import { existing, resourceAnswer } from './resource-answer.js';
import { checkOperation, checkPatch, checkWrite } from './run-policies.js';
import type { Outcome, TargetContext } from './target-context.js';

/**
 * PATCH /Users/{id}, PATCH /Groups/{id}. The body (2.0 PatchOp, or a 1.1 partial resource) is
 * read into 2.0 operations, checked by the profile's PATCH rules, applied atomically by
 * @idsync/scim, and the result checked like any other write. A PATCH that changes nothing
 * writes nothing, so the version (ETag) stays. The answer is 200 with the resource or 204, as
 * the profile says; with PATCH switched off it is 501 (or 405), and the client must fall back
 * to GET + PUT.
 */
export function patchResource(
  context: TargetContext,
  resourceType: ResourceTypeName,
  id: string,
  body: unknown,
  request: { readonly ifMatch?: string; readonly projection: ProjectionRequest },
): Outcome {
  if (!context.patchEnabled) {
    throw new ScimError(
      context.patchUnsupportedStatus,
      undefined,
      'PATCH is not supported by this service provider; read the resource with GET and replace it with PUT.',
    );
  }
  checkOperation(context, resourceType, 'patch');
  const current = existing(context, resourceType, id);
  assertIfMatch(context.etag, current, request.ifMatch);
  const operations = context.codec.decodePatch(body, current, resourceType);
  checkPatch(context, resourceType, operations, current);
  const scope = context.registry.scopeOf(resourceType);
  const { resource, changed } = applyPatch(current, operations, { registry: context.registry, scope });
  let stored = current;
  if (changed) {
    const patched = resourceType === 'Group' ? normaliseMembers(context, resource) : resource;
    checkWrite(context, resourceType, { operation: 'patch', before: current, after: patched });
    stored = context.store.collection(resourceType).update(id, patched);
  }
  const status = context.version === '1.1' ? 200 : context.profile.patchStatus[resourceType];
  return resourceAnswer(context, resourceType, stored, {
    status,
    read: false,
    projection: request.projection,
  });
}
