import type { HubStore, ObjectType } from '@idsync/core';
import { ScimError } from '@idsync/scim';
import { canonicalHubId, findHubObjects } from './find-hub-objects.js';

type Json = Record<string, unknown>;

/**
 * Checks the members a write adds to a group and fills in their `type` (User or Group) from the
 * hub, so readers can tell users from nested groups and build `$ref`s. Members already in the
 * stored group were checked when they were added and are not looked up again: a PATCH adding
 * one member to a large group costs one lookup, not one per member. A member that does not
 * exist — or that a confined client cannot see, which must look the same — is `invalidValue`.
 */
export async function resolveGroupMembers(
  hub: HubStore,
  members: readonly unknown[],
  previous: readonly unknown[],
  populationIds: readonly string[] | undefined,
): Promise<Json[]> {
  const known = new Map<string, unknown>();
  for (const entry of previous) {
    const id = entry && typeof entry === 'object' ? canonicalHubId((entry as Json).value) : undefined;
    if (id) known.set(id, (entry as Json).type);
  }
  const entries = members.map((entry, index) => {
    const value = entry && typeof entry === 'object' ? (entry as Json).value : undefined;
    const id = canonicalHubId(value);
    if (!id) {
      throw ScimError.invalidValue(
        `members[${index}].value ${JSON.stringify(value ?? entry)} is not the id of a user or group of this service.`,
      );
    }
    return { entry: entry as Json, id };
  });
  const added = entries.filter(({ id }) => !known.has(id)).map(({ id }) => id);
  const found: Map<string, ObjectType> =
    added.length > 0 ? await findHubObjects(hub, added, populationIds) : new Map();
  const missing = added.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw ScimError.invalidValue(
      `Group members refer to users or groups that do not exist: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}. Create them first, or leave them out of "members".`,
    );
  }
  return entries.map(({ entry, id }) => {
    const type = found.get(id) ?? known.get(id);
    const { $ref: _ref, ...rest } = entry;
    return { ...rest, value: id, ...(type === 'User' || type === 'Group' ? { type } : {}) };
  });
}
