import type { ObjectType } from '@idsync/core';
import { getCaseInsensitive, type ScimResource } from '@idsync/scim';

/** The value at a dotted path (`name.givenName`), attribute names compared without case (RFC 7643 §2.1). */
export function valueAtPath(resource: ScimResource, path: string): unknown {
  let current: unknown = resource;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = getCaseInsensitive(current as Record<string, unknown>, part);
  }
  return current;
}

const isBlank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** The paths of `required` that `resource` leaves empty. */
export function missingPaths(resource: ScimResource, required: readonly string[]): string[] {
  return required.filter((path) => isBlank(valueAtPath(resource, path)));
}

/** What RFC 7643 requires of every User and Group (§4.1, §4.2). */
export const RFC_REQUIRED: Readonly<Record<ObjectType, readonly string[]>> = {
  User: ['userName'],
  Group: ['displayName'],
};
