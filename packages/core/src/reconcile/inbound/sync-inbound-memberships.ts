import type { ScimResource } from '@idsync/scim';
import type { InboundContext } from './inbound-context.js';

interface MemberValue {
  value: string;
  type?: string;
}

/**
 * Group memberships from the source: each hub group this connection brought in gets the
 * source group's members that are linked users of this connection. Members the hub group has
 * from elsewhere (not linked to this connection) are kept. Returns how many groups changed.
 */
export async function syncInboundMemberships(context: InboundContext): Promise<number> {
  const { connection, connector, stores } = context;
  if (!connector.readMembers) return 0;
  let changed = 0;
  for await (const links of stores.links.scan(connection.id, 'Group', context.pageSize)) {
    for (const link of links) {
      if (!link.remoteId || !link.ruleIds.some((id) => context.ownedRuleIds.has(id))) continue;
      const group = await stores.hub.get('Group', link.hubId);
      if (!group) continue;
      const fromSource = new Set<string>();
      await new Promise<void>((resolve, reject) =>
        connector.readMembers!(link.remoteId!).subscribe({
          next: (page) => page.forEach((remoteId) => fromSource.add(remoteId)),
          error: reject,
          complete: resolve,
        }),
      );
      const wanted = new Set<string>();
      for (const remoteId of fromSource) {
        const user = await stores.links.getByRemoteId(connection.id, 'User', remoteId);
        if (user) wanted.add(user.hubId);
      }
      const current = (group.resource.members as MemberValue[] | undefined) ?? [];
      const next: MemberValue[] = [];
      for (const member of current) {
        const linkedHere =
          member.type !== 'Group' && (await stores.links.get(connection.id, 'User', member.value));
        if (!linkedHere || wanted.has(member.value)) next.push(member);
        wanted.delete(member.value);
      }
      next.push(...[...wanted].map((value) => ({ value, type: 'User' })));
      const same =
        next.length === current.length &&
        next.every((member) => current.some((m) => m.value === member.value));
      if (same) continue;
      await stores.hub.replace('Group', group.id, { ...group.resource, members: next } as ScimResource);
      changed++;
    }
  }
  return changed;
}
