import type { HubStore, ObjectType } from '@idsync/core';
import { formatFilterLiteral, parseFilter } from '@idsync/scim';
import { NotFoundError } from './engine-errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The hub id of the object a person names: its hub id, or a user's userName or email, or a
 * group's displayName — what `explain` and the status endpoints accept.
 */
export async function resolveHubId(hub: HubStore, objectType: ObjectType, ref: string): Promise<string> {
  const byId = UUID.test(ref) ? await hub.get(objectType, ref) : undefined;
  if (byId) return byId.id;
  if (objectType === 'User') {
    const user = (await hub.findByUserName(ref)) ?? (await hub.findByEmail(ref))[0];
    if (user) return user.id;
  } else {
    const filter = parseFilter(`displayName eq ${formatFilterLiteral(ref)}`);
    const found = await hub.search('Group', { startIndex: 1, count: 1, filter });
    if (found.objects[0]) return found.objects[0].id;
  }
  const names = objectType === 'User' ? 'userName or email' : 'or displayName';
  throw new NotFoundError(`No hub ${objectType.toLowerCase()} has the id, ${names} "${ref}".`);
}

/** The userName or displayName of a hub object, for plans a person reads. */
export async function hubLabel(
  hub: HubStore,
  objectType: string,
  hubId: string,
): Promise<string | undefined> {
  if (objectType !== 'User' && objectType !== 'Group') return undefined;
  const resource = (await hub.get(objectType, hubId))?.resource as
    { userName?: string; displayName?: string } | undefined;
  return resource?.userName ?? resource?.displayName;
}
