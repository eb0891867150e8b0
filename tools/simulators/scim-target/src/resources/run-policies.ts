import type { FilterNode, PatchOperation, ScimResource } from '@idsync/scim';
import type { ResourceWrite, TargetOperation } from '../profiles/target-policy.js';
import type { ResourceTypeName } from '../store/resource-collection.js';
import { policyContext, type TargetContext } from './target-context.js';

/** Runs each policy's hook in profile order; the first refusal (a thrown ScimError) wins. */
export function checkOperation(
  context: TargetContext,
  resourceType: ResourceTypeName,
  operation: TargetOperation,
): void {
  const scope = policyContext(context, resourceType);
  for (const policy of context.profile.policies) policy.checkOperation?.(operation, scope);
}

export function checkFilter(
  context: TargetContext,
  resourceType: ResourceTypeName,
  filter: FilterNode,
): void {
  const scope = policyContext(context, resourceType);
  for (const policy of context.profile.policies) policy.checkFilter?.(filter, scope);
}

export function checkPatch(
  context: TargetContext,
  resourceType: ResourceTypeName,
  operations: readonly PatchOperation[],
  before: ScimResource,
): void {
  const scope = { ...policyContext(context, resourceType), before };
  for (const policy of context.profile.policies) policy.checkPatch?.(operations, scope);
}

export function checkWrite(
  context: TargetContext,
  resourceType: ResourceTypeName,
  write: ResourceWrite,
): void {
  const scope = policyContext(context, resourceType);
  for (const policy of context.profile.policies) policy.checkWrite?.(write, scope);
}
