import type { OutboundContext } from '../outbound-context.js';
import { planMembershipChanges } from '../plan-membership-changes.js';
import type { PlannedOperation } from '../planned-operation.js';
import { readRemoteMembers } from './read-remote-members.js';

/**
 * Membership stage for one provisioned group: the members the hub says it should have
 * (users of the group, nested groups flattened, that are provisioned on this connection),
 * the members the remote group has, and the members idsync added earlier (provenance), turned
 * into add and remove operations by the connection's merge or overwrite handling.
 */
export async function planGroupMemberships(
  context: OutboundContext,
  groupHubId: string,
  groupRemoteId: string,
  ruleIds: readonly string[],
): Promise<PlannedOperation[]> {
  const { connection, connector, stores } = context;
  if (!connector.readMembers) return [];
  const hubByRemote = new Map<string, string>();
  const remoteOf = async (hubId: string, provisionedOnly: boolean): Promise<string | undefined> => {
    const link = await stores.links.get(connection.id, 'User', hubId);
    // A user whose last write failed is still the remote account it was: only a user idsync
    // deprovisioned (out of every rule's scope) stops being a wanted member.
    if (!link?.remoteId || (provisionedOnly && link.state === 'deprovisioned')) return undefined;
    hubByRemote.set(link.remoteId, hubId);
    return link.remoteId;
  };

  const desired: string[] = [];
  for (const memberId of await stores.hub.membersOf(groupHubId, true)) {
    const remoteId = await remoteOf(memberId, true);
    if (remoteId) desired.push(remoteId);
  }
  const actual = await readRemoteMembers(context, groupRemoteId);
  const addedByIdsync: string[] = [];
  const stale: string[] = [];
  const present = new Set(actual);
  for (const memberId of await stores.links.createdMemberships(connection.id, groupHubId)) {
    const remoteId = await remoteOf(memberId, false);
    if (remoteId && present.has(remoteId)) addedByIdsync.push(remoteId);
    // Provenance of a membership that is not there (removed outside idsync, or a write that
    // never happened after a crash) would make merge remove a later, manual one: forget it.
    else stale.push(memberId);
  }

  const mode = connection.preferences.membershipHandling;
  const changes = planMembershipChanges(mode, { desired, actual, addedByIdsync });
  const base = {
    connectionId: connection.id,
    objectType: 'Group' as const,
    hubId: groupHubId,
    remoteId: groupRemoteId,
  };
  const operations: PlannedOperation[] = [];
  const staleNotReAdded = stale.filter(
    (hubId) => !changes.add.some((remoteId) => hubByRemote.get(remoteId) === hubId),
  );
  if (staleNotReAdded.length) {
    operations.push({
      ...base,
      kind: 'forget-memberships',
      memberHubIds: staleNotReAdded,
      reason: {
        ruleIds,
        summary: `${staleNotReAdded.length} membership(s) idsync once added are no longer in the remote group; they stop counting as idsync's.`,
      },
    });
  }
  if (changes.add.length) {
    operations.push({
      ...base,
      kind: 'add-members',
      memberRemoteIds: changes.add,
      memberHubIds: changes.add.map((id) => hubByRemote.get(id)!),
      reason: { ruleIds, summary: `${changes.add.length} member(s) of the hub group are missing remotely.` },
    });
  }
  if (changes.remove.length) {
    const known = changes.remove.filter((id) => hubByRemote.has(id));
    operations.push({
      ...base,
      kind: 'remove-members',
      memberRemoteIds: changes.remove,
      memberHubIds: known.map((id) => hubByRemote.get(id)!),
      reason: {
        ruleIds,
        summary:
          mode === 'overwrite'
            ? `${changes.remove.length} remote member(s) are not in the hub group (membership handling: overwrite).`
            : `${changes.remove.length} member(s) that idsync added are no longer in the hub group (membership handling: merge keeps members added outside idsync).`,
      },
    });
  }
  return operations;
}
