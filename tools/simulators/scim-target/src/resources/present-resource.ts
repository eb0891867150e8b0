import {
  getCaseInsensitive,
  projectAttributes,
  type ProjectionRequest,
  type ScimResource,
} from '@idsync/scim';
import type { ResourceTypeName } from '../store/resource-collection.js';
import { membersOf, type StoredMember, type TargetStore } from '../store/target-store.js';
import { endpointOf, policyContext, type TargetContext } from './target-context.js';

function locationOf(context: TargetContext, resourceType: ResourceTypeName, id: string): string {
  return `${context.baseUrl()}/${endpointOf(resourceType)}/${id}`;
}

function displayOf(resource: ScimResource | undefined): string | undefined {
  const display =
    resource && (getCaseInsensitive(resource, 'displayName') ?? getCaseInsensitive(resource, 'userName'));
  return typeof display === 'string' ? display : undefined;
}

/** A member with `type`, `display` and `$ref` filled in from the resource it points to. */
function describeMember(context: TargetContext, member: StoredMember): StoredMember {
  const user = context.store.users.get(member.value);
  const group = user ? undefined : context.store.groups.get(member.value);
  const target = user ?? group;
  if (!target) return member;
  const resourceType: ResourceTypeName = user ? 'User' : 'Group';
  const display = displayOf(target);
  return {
    ...member,
    type: resourceType,
    ...(display !== undefined ? { display } : {}),
    $ref: locationOf(context, resourceType, member.value),
  };
}

/** Who is in which group, worked out once per request (see `TargetStore.membershipIndex`). */
export type MembershipIndex = ReturnType<TargetStore['membershipIndex']>;

/**
 * The stored resource as the service knows it: `meta.location`, `meta.version` only with ETags
 * on, a user's read-only `groups` worked out from the groups that list it, and each group
 * member's `type`, `display` and `$ref`. Filters run on this form, so `groups.value eq "…"`
 * and `members eq "…"` see the real memberships. Pass `memberships` when decorating many users.
 */
export function decorate(
  context: TargetContext,
  resourceType: ResourceTypeName,
  stored: ScimResource,
  memberships?: MembershipIndex,
): ScimResource {
  const id = stored.id!;
  const { version, ...meta } = stored.meta ?? {};
  const decorated: ScimResource = {
    ...stored,
    meta: {
      ...meta,
      location: locationOf(context, resourceType, id),
      ...(context.etag && version ? { version } : {}),
    },
  };
  if (resourceType === 'User') {
    const groups = ((memberships ?? context.store.membershipIndex()).get(id) ?? []).map((group) => ({
      value: group.id,
      ...(group.displayName !== undefined ? { display: group.displayName } : {}),
      type: 'direct',
      $ref: locationOf(context, 'Group', group.id),
    }));
    if (groups.length > 0) decorated.groups = groups;
    else delete decorated.groups;
  } else if (Array.isArray(stored.members)) {
    decorated.members = membersOf(stored).map((member) =>
      describeMember(context, member),
    ) as unknown as ScimResource['members'];
  }
  return decorated;
}

/** `attributes` / `excludedAttributes` when the profile honours them; `returned: never` (password) always applies. */
export function projectionOf(context: TargetContext, request: ProjectionRequest): ProjectionRequest {
  return context.profile.attributeSelection ? request : {};
}

/** A decorated resource as a write (POST, PUT, PATCH) answers with it. */
export function presentWritten(
  context: TargetContext,
  resourceType: ResourceTypeName,
  decorated: ScimResource,
  projection: ProjectionRequest,
): ScimResource {
  const scope = context.registry.scopeOf(resourceType);
  return projectAttributes(decorated, projectionOf(context, projection), {
    registry: context.registry,
    scope,
  });
}

/** A decorated resource as a read (GET, list) answers with it, after the profile's read rules. */
export function presentRead(
  context: TargetContext,
  resourceType: ResourceTypeName,
  decorated: ScimResource,
  projection: ProjectionRequest,
): ScimResource {
  const policyScope = policyContext(context, resourceType);
  const reshaped = context.profile.policies.reduce(
    (resource, policy) => policy.presentRead?.(resource, policyScope) ?? resource,
    decorated,
  );
  return presentWritten(context, resourceType, reshaped, projection);
}
