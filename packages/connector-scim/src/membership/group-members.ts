import { ConnectorError } from '@idsync/core';
import {
  chunkPatchOperations,
  filterBuilders,
  formatFilter,
  formatFilterLiteral,
  getCaseInsensitive,
  type PatchOperation,
  type ScimResource,
} from '@idsync/scim';
import { Observable, from, map, mergeMap } from 'rxjs';
import { listResources } from '../read/list-resources.js';
import type { ScimTarget } from '../scim-target.js';
import { sendPatch } from '../update/send-patch.js';

/** A group as the target holds it now, members included, and its version. */
interface GroupState {
  readonly resource: ScimResource;
  readonly memberIds: string[];
  readonly etag: string | undefined;
}

function memberIdsOf(resource: ScimResource): string[] {
  const members = getCaseInsensitive(resource, 'members');
  if (!Array.isArray(members)) return [];
  const ids = members
    .map((member) => (member && typeof member === 'object' ? getCaseInsensitive(member, 'value') : undefined))
    .filter((id): id is string | number => typeof id === 'string' || typeof id === 'number')
    .map(String);
  return [...new Set(ids)];
}

/** Reads the group with its `members` attribute; a missing group is `not-found`. */
export async function readGroupState(target: ScimTarget, groupId: string): Promise<GroupState> {
  const response = await target.client.request('GET', target.objectPath('Group', groupId));
  const { resource } = target.decodeWithMembers('Group', response.body);
  return { resource, memberIds: memberIdsOf(resource), etag: response.etag };
}

/**
 * A group's member ids, in pages. Most targets list them on the group; AWS IAM Identity
 * Center returns groups with empty `members`, so there the members are the users matching
 * `groups.value eq "<group id>"` (after checking that the group exists, so an unknown group is
 * `not-found` rather than an empty group).
 */
export function readMembers(target: ScimTarget, groupId: string): Observable<string[]> {
  if (target.preset.groupMembers === 'user-filter') {
    return from(target.client.request('GET', target.objectPath('Group', groupId))).pipe(
      mergeMap(() => {
        const filter = formatFilter(filterBuilders.eq('groups.value', target.currentId('Group', groupId)));
        return listResources(target, 'User', { filter });
      }),
      map((page) => page.map((user) => user.remoteId)),
    );
  }
  return new Observable<string[]>((subscriber) => {
    const run = async (): Promise<void> => {
      const { memberIds } = await readGroupState(target, groupId);
      const size = target.config.pageSize;
      for (let start = 0; start < memberIds.length && !subscriber.closed; start += size) {
        subscriber.next(memberIds.slice(start, start + size));
      }
      subscriber.complete();
    };
    run().catch((error: unknown) => subscriber.error(error));
  });
}

/** Without PATCH: the group is written whole with its new member list, guarded by If-Match when the target does ETags. */
async function rewriteMembers(
  target: ScimTarget,
  groupId: string,
  change: (ids: string[]) => string[],
): Promise<void> {
  const state = await readGroupState(target, groupId);
  const next = change(state.memberIds);
  if (next.length === state.memberIds.length && next.every((id, index) => id === state.memberIds[index]))
    return;
  const body = target.encode('Group', state.resource);
  body.members = next.map((value) => ({ value }));
  body.id = target.currentId('Group', groupId);
  const ifMatch = await target.ifMatchFor(state.etag, state.resource);
  await target.client.request('PUT', target.objectPath('Group', groupId), {
    body,
    ...(ifMatch ? { ifMatch } : {}),
  });
}

async function patchInChunks(
  target: ScimTarget,
  groupId: string,
  operations: PatchOperation[],
): Promise<void> {
  for (const chunk of chunkPatchOperations(operations, { maxValuesPerRequest: target.membersPerRequest() })) {
    await sendPatch(target, 'Group', groupId, chunk);
  }
}

/** Adds members by PATCH `add members`, in chunks the target accepts; adding a present member is harmless (RFC 7644 §3.5.2.1). */
export async function addMembers(
  target: ScimTarget,
  groupId: string,
  memberIds: readonly string[],
): Promise<void> {
  if (memberIds.length === 0) return;
  if (!(await target.usesPatch())) {
    return rewriteMembers(target, groupId, (ids) => [...ids, ...memberIds.filter((id) => !ids.includes(id))]);
  }
  await patchInChunks(target, groupId, [
    { op: 'add', path: 'members', value: memberIds.map((value) => ({ value })) },
  ]);
}

function removalOperations(target: ScimTarget, memberIds: readonly string[]): PatchOperation[] {
  if (target.preset.memberRemoval === 'value-list' || target.config.version === '1.1') {
    // 1.1 sends these as `"operation": "delete"` entries.
    return [{ op: 'remove', path: 'members', value: memberIds.map((value) => ({ value })) }];
  }
  return memberIds.map((id) => ({ op: 'remove', path: `members[value eq ${formatFilterLiteral(id)}]` }));
}

/**
 * Removes members by PATCH, in chunks. RFC 7644 makes a filtered remove that matches nothing
 * a `noTarget` error, and the whole request fails with it; since a repeated removal must be
 * harmless, a refused request is retried once with only the members the group still has.
 */
export async function removeMembers(
  target: ScimTarget,
  groupId: string,
  memberIds: readonly string[],
): Promise<void> {
  if (memberIds.length === 0) return;
  if (!(await target.usesPatch())) {
    return rewriteMembers(target, groupId, (ids) => ids.filter((id) => !memberIds.includes(id)));
  }
  try {
    await patchInChunks(target, groupId, removalOperations(target, memberIds));
  } catch (error) {
    if (!(error instanceof ConnectorError && error.code === 'invalid')) throw error;
    const present = await currentMembers(target, groupId);
    const still = memberIds.filter((id) => present.has(id));
    if (still.length === 0) return;
    await patchInChunks(target, groupId, removalOperations(target, still));
  }
}

/** Every member id of a group, by whichever way the preset reads members. */
export async function currentMembers(target: ScimTarget, groupId: string): Promise<Set<string>> {
  const ids = new Set<string>();
  await new Promise<void>((resolve, reject) => {
    readMembers(target, groupId).subscribe({
      next: (page) => page.forEach((id) => ids.add(id)),
      error: reject,
      complete: resolve,
    });
  });
  return ids;
}
