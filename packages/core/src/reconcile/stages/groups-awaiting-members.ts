import type { Link } from '../../model/link.js';
import type { OutboundContext } from '../outbound-context.js';

/** Per run: whether the connection has any group link at all (none during a first load of users). */
const hasGroupLinks = new WeakMap<OutboundContext, Promise<boolean>>();

function anyGroupLink(context: OutboundContext): Promise<boolean> {
  let known = hasGroupLinks.get(context);
  if (!known) {
    known = (async () => {
      for await (const page of context.stores.links.scan(context.connection.id, 'Group', 1))
        return page.length > 0;
      return false;
    })();
    hasGroupLinks.set(context, known);
  }
  return known;
}

/**
 * A user has just been created or linked on the connection, or disabled by the remove action:
 * the groups it belongs to in the hub (nested ones included) that are already provisioned
 * could not list it as a member before, or list it and must not any more, and an incremental
 * group run sees no hub change for them. Their links are left
 * `pending`, which makes the next group run — incremental too — plan them, memberships
 * included (see `withUnfinishedLinks`). Groups whose members were all provisioned are
 * never marked, so they are not planned again run after run.
 */
export async function markGroupsAwaitingMembers(context: OutboundContext, userHubId: string): Promise<void> {
  const { hub, links } = context.stores;
  if (!(await anyGroupLink(context))) return;
  const groupIds = await hub.groupsOf(userHubId, true);
  if (groupIds.length === 0) return;
  const found = await links.getMany(context.connection.id, 'Group', groupIds);
  const now = context.now();
  const marked: Link[] = [];
  for (const link of found.values()) {
    // A failed or pending group is planned again anyway; a deprovisioned one wants no members.
    if (link.remoteId && link.state === 'in-sync') marked.push({ ...link, state: 'pending', updatedAt: now });
  }
  if (marked.length) await links.putMany(marked);
}
