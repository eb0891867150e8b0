import { getCaseInsensitive, ScimError } from '@idsync/scim';
import type { ResourceTypeName } from '../../store/resource-collection.js';
import type { TargetPolicy } from '../target-policy.js';

const normalised = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : undefined);

/**
 * A policy that answers 409 `uniqueness` when a write would give a second live resource of
 * `resourceType` the same `attribute` value, compared without case (userName is caseExact=false
 * in RFC 7643; vendors compare group names the same way).
 */
export function uniqueAttribute(
  resourceType: ResourceTypeName,
  attribute: string,
  name: string,
): TargetPolicy {
  return {
    name,
    description: `${attribute} of a ${resourceType} is unique, compared without case; a duplicate is 409.`,
    checkWrite(write, context) {
      if (context.resourceType !== resourceType) return;
      const wanted = normalised(getCaseInsensitive(write.after, attribute));
      if (wanted === undefined) return;
      if (write.before && normalised(getCaseInsensitive(write.before, attribute)) === wanted) return;
      const clash = context.store
        .collection(resourceType)
        .find(
          (other) =>
            other.id !== write.after.id && normalised(getCaseInsensitive(other, attribute)) === wanted,
        )[0];
      if (clash) {
        throw ScimError.uniqueness(
          `${attribute} "${String(getCaseInsensitive(write.after, attribute))}" is already taken by ${resourceType} ${clash.id}.`,
        );
      }
    },
  };
}

export const uniqueUserName = uniqueAttribute('User', 'userName', 'unique-user-name');
export const uniqueGroupDisplayName = uniqueAttribute('Group', 'displayName', 'unique-group-display-name');
