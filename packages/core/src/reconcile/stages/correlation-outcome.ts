import type { RemoteObject } from '../../spi/remote-object.js';
import type { OutboundContext } from '../outbound-context.js';
import type { CorrelationOutcome } from '../plan-object.js';

/**
 * Stage "correlate": what the matches of an object's correlation filter mean. A single match
 * may already belong to another hub object (its link names it); whether that object still
 * exists decides between a conflict and a re-hire.
 */
export async function correlationOutcome(
  context: OutboundContext,
  hubId: string,
  filter: string,
  matches: readonly RemoteObject[],
): Promise<CorrelationOutcome> {
  if (matches.length === 0) return { kind: 'none', filter };
  if (matches.length > 1) return { kind: 'many', filter, count: matches.length };
  const remote = matches[0]!;
  const owner = await context.stores.links.getByRemoteId(
    context.connection.id,
    context.objectType,
    remote.remoteId,
  );
  // Its own link (a store that briefly answered "gone" for it) makes it this object's, not another's.
  if (!owner || owner.hubId === hubId) return { kind: 'one', filter, remote };
  const gone = !(await context.stores.hub.get(context.objectType, owner.hubId));
  return { kind: 'one', filter, remote, linkedTo: { hubId: owner.hubId, gone } };
}
