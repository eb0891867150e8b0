import type { ResourceTypeName } from '../store/resource-collection.js';
import { assertIfMatch } from './etag-precondition.js';
import { existing } from './resource-answer.js';
import { checkOperation } from './run-policies.js';
import type { Outcome, TargetContext } from './target-context.js';

/**
 * DELETE /Users/{id}, DELETE /Groups/{id}: 204 in SCIM 2.0, 200 in SCIM 1.1 (its §3.4). The
 * resource leaves every group's members. Where the profile deactivates users instead
 * (Atlassian), the user is kept inactive but hidden: later calls answer 404.
 */
export function deleteResource(
  context: TargetContext,
  resourceType: ResourceTypeName,
  id: string,
  request: { readonly ifMatch?: string },
): Outcome {
  checkOperation(context, resourceType, 'delete');
  const current = existing(context, resourceType, id);
  assertIfMatch(context.etag, current, request.ifMatch);
  const collection = context.store.collection(resourceType);
  if (resourceType === 'User' && context.profile.userDeletion === 'deactivate') collection.hide(id);
  else collection.remove(id);
  context.store.dropMemberEverywhere(id);
  return { status: context.version === '1.1' ? 200 : 204, headers: {} };
}
