import type { OutboundContext } from '../outbound-context.js';
import { planMembershipChanges } from '../plan-membership-changes.js';
import type { PlannedOperation } from '../planned-operation.js';

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
  const remoteOf = async (hubId: string): Promise<string | undefined> => {
    const link = await stores.links.get(connection.id, 'User', hubId);
    if (!link?.remoteId || link.state === 'failed') return undefined;
    hubByRemote.set(link.remoteId, hubId);
    return link.remoteId;
  };

  const desired: string[] = [];
  for (const memberId of await stores.hub.membersOf(groupHubId, true)) {
    const remoteId = await remoteOf(memberId);
    if (remoteId) desired.push(remoteId);
  }
  const actual: string[] = [];
  await new Promise<void>((resolve, reject) =>
    connector.readMembers!(groupRemoteId).subscribe({ next: (page) => actual.push(...page), error: reject, complete: resolve }),
  );
  const addedByIdsync: string[] = [];
  for (const memberId of await stores.links.createdMemberships(connection.id, groupHubId)) {
    const remoteId = await remoteOf(memberId);
    if (remoteId) addedByIdsync.push(remoteId);
  }

  const mode = connection.preferences.membershipHandling;
  const changes = planMembershipChanges(mode, { desired, actual, addedByIdsync });
  const base = { connectionId: connection.id, objectType: 'Group' as const, hubId: groupHubId, remoteId: groupRemoteId };
  const operations: PlannedOperation[] = [];
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
