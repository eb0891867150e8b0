import { ConnectorError } from '@idsync/core';
import { filterBuilders, getCaseInsensitive, type ScimResource } from '@idsync/scim';
import { addMembers, currentMembers } from '../membership/group-members.js';
import { findResources } from '../read/find-resources.js';
import type { ScimTarget } from '../scim-target.js';
import { createResource, deleteResource } from '../write/create-resource.js';

/** The display name a group resource carries, if any. */
export function displayNameOf(resource: ScimResource): string | undefined {
  const name = getCaseInsensitive(resource, 'displayName');
  return typeof name === 'string' ? name : undefined;
}

/** The group that an earlier, interrupted rename already created under the new name. */
async function existingGroupNamed(
  target: ScimTarget,
  name: string,
  oldId: string,
): Promise<string | undefined> {
  const found = await findResources(target, 'Group', filterBuilders.eq('displayName', name));
  const others = found.filter((group) => group.remoteId !== target.currentId('Group', oldId));
  return others.length === 1 ? others[0]!.remoteId : undefined;
}

/**
 * Renames a group on a target that cannot rename (Atlassian): creates a group with the new
 * name and attributes, adds the old group's members to it, then deletes the old group. Each
 * step can be repeated: when a previous attempt stopped after the create, the target refuses
 * the duplicate name, and the group it made is found by name and used. Later calls with the
 * old id in this connector instance go to the new group; the returned id is the new one.
 */
export async function recreateGroup(
  target: ScimTarget,
  oldId: string,
  desired: ScimResource,
): Promise<string> {
  const members = await currentMembers(target, oldId);
  const name = displayNameOf(desired) ?? '';
  let newId: string;
  try {
    newId = (await createResource(target, 'Group', desired)).remoteId;
  } catch (error) {
    if (!(error instanceof ConnectorError && error.code === 'conflict')) throw error;
    const existing = await existingGroupNamed(target, name, oldId);
    if (existing === undefined) throw error;
    newId = existing;
  }
  await addMembers(target, newId, [...members]);
  try {
    await deleteResource(target, 'Group', oldId);
  } catch (error) {
    if (!(error instanceof ConnectorError && error.code === 'not-found')) throw error;
  }
  target.recordGroupRename(oldId, newId);
  target.log('info', 'Renamed a group by re-creating it: the target cannot rename groups.', {
    oldId,
    newId,
    members: members.size,
  });
  return newId;
}
