import { ConnectorError, type ObjectType } from '@idsync/core';
import {
  applyPatch,
  getCaseInsensitive,
  isScimError,
  type PatchOperation,
  type ScimResource,
} from '@idsync/scim';
import { readGroupState } from '../membership/group-members.js';
import { displayNameOf, recreateGroup } from '../rename/recreate-group.js';
import type { ScimTarget } from '../scim-target.js';
import { normaliseOperations, sendPatch } from './send-patch.js';

const renamesByRecreating = (target: ScimTarget, type: ObjectType): boolean =>
  type === 'Group' && target.preset.groupRename === 'recreate';

/**
 * Replaces an object (PUT), carrying over what the caller does not own: the id, and a group's
 * members, which the membership operations manage (a PUT without them would empty the group),
 * so a group is always read first. A user is read first only when the target does ETags: its
 * version then goes out as If-Match, so a change made in between is not silently overwritten.
 * Everything else in the resource is the caller's: an attribute left out is cleared.
 */
export async function replaceResource(
  target: ScimTarget,
  type: ObjectType,
  remoteId: string,
  resource: ScimResource,
): Promise<void> {
  const body = target.encode(type, resource); // refuses invalid data before any request
  if (type === 'Group') {
    const state = await readGroupState(target, remoteId);
    const newName = displayNameOf(resource);
    if (
      renamesByRecreating(target, type) &&
      newName !== undefined &&
      newName !== displayNameOf(state.resource)
    ) {
      await recreateGroup(target, remoteId, resource);
      return;
    }
    if (target.preset.groupReplace === 'patch') {
      const operations: PatchOperation[] = ['displayName', 'externalId']
        .map((name) => ({ name, value: getCaseInsensitive(resource, name) }))
        .filter(({ value }) => value !== undefined)
        .map(({ name, value }) => ({ op: 'replace', path: name, value }));
      await sendPatch(target, type, remoteId, operations);
      return;
    }
    body.id = target.currentId(type, remoteId);
    body.members = state.memberIds.map((value) => ({ value }));
    const ifMatch = await target.ifMatchFor(state.etag, state.resource);
    await target.client.request('PUT', target.objectPath(type, remoteId), {
      body,
      ...(ifMatch ? { ifMatch } : {}),
    });
    return;
  }
  const path = target.objectPath(type, remoteId);
  body.id = remoteId;
  let ifMatch: string | undefined;
  if ((await target.capabilities()).capabilities.etag.supported) {
    const current = await target.client.request('GET', path);
    ifMatch = await target.ifMatchFor(current.etag, target.decode(type, current.body).resource);
  }
  await target.client.request('PUT', path, { body, ...(ifMatch ? { ifMatch } : {}) });
}

/** Refuses a PATCH that would remove an attribute the target requires, before it is sent. */
function checkRequiredKept(
  target: ScimTarget,
  type: ObjectType,
  operations: readonly PatchOperation[],
): void {
  const required = target.preset.requiredAttributes[type].map((path) => path.toLowerCase());
  for (const operation of operations) {
    const path = operation.path?.trim().toLowerCase();
    if (path === undefined) continue;
    const clears = operation.op === 'remove' || operation.value === null || operation.value === '';
    const hit = required.find((name) => name === path || name.startsWith(`${path}.`));
    if (clears && hit !== undefined) {
      throw new ConnectorError(
        'invalid',
        `The target requires ${hit} for every ${type}; a PATCH removing it is refused before it is sent.`,
      );
    }
  }
}

/**
 * Updates an object by PATCH. Multi-valued values are normalised as on create; removals of
 * required attributes are refused up front. A group rename on a target that cannot rename
 * (Atlassian) becomes create-new, move members, delete-old.
 */
export async function patchResource(
  target: ScimTarget,
  type: ObjectType,
  remoteId: string,
  operations: readonly PatchOperation[],
): Promise<void> {
  const normalised = normaliseOperations(operations);
  checkRequiredKept(target, type, normalised);
  if (renamesByRecreating(target, type) && touchesDisplayName(normalised)) {
    const state = await readGroupState(target, remoteId);
    const { members: _members, ...current } = state.resource;
    let desired: ScimResource;
    try {
      desired = applyPatch(current as ScimResource, normalised, {
        registry: target.registry,
        scope: target.registry.scopeOf(type),
      }).resource;
    } catch (error) {
      if (isScimError(error))
        throw new ConnectorError('invalid', `The PATCH of group ${remoteId} cannot apply: ${error.detail}`);
      throw error;
    }
    if (displayNameOf(desired) !== displayNameOf(current as ScimResource)) {
      await recreateGroup(target, remoteId, desired);
      return;
    }
  }
  await sendPatch(target, type, remoteId, normalised);
}

function touchesDisplayName(operations: readonly PatchOperation[]): boolean {
  return operations.some((operation) => {
    const path = operation.path?.trim().toLowerCase();
    if (path !== undefined && path !== '') return path === 'displayname';
    const value = operation.value;
    return (
      value !== null && typeof value === 'object' && getCaseInsensitive(value, 'displayName') !== undefined
    );
  });
}

/**
 * Soft delete: `active: false`, by PATCH when the target takes it, else by GET + PUT of the
 * whole user. Groups have no `active`.
 */
export async function disableResource(target: ScimTarget, type: ObjectType, remoteId: string): Promise<void> {
  if (type !== 'User')
    throw new ConnectorError('unsupported', `A SCIM ${type} has no "active" attribute to disable.`);
  if (await target.usesPatch()) {
    await sendPatch(target, type, remoteId, [{ op: 'replace', path: 'active', value: false }]);
    return;
  }
  const path = target.objectPath(type, remoteId);
  const current = await target.client.request('GET', path);
  const resource = target.decode(type, current.body).resource;
  const body = target.encode(type, { ...resource, active: false });
  body.id = remoteId;
  const ifMatch = await target.ifMatchFor(current.etag, resource);
  await target.client.request('PUT', path, { body, ...(ifMatch ? { ifMatch } : {}) });
}
