import type { Link } from '../../model/link.js';
import type { OutboundContext } from '../outbound-context.js';
import type { PlannedOperation } from '../planned-operation.js';

/**
 * Safety rule 3 for a wave of creates: every create's intent is on its link before any of them
 * is sent, in one batched write. If the process dies after a remote create, the next run finds
 * the intent, correlates and links instead of creating twice. Earlier failures stay visible
 * until a write succeeds. Returns the links as they were before, for `withdrawCreateIntents`.
 */
export async function recordCreateIntents(
  context: OutboundContext,
  operations: readonly PlannedOperation[],
): Promise<ReadonlyMap<string, Link>> {
  const creates = operations.filter((operation) => operation.kind === 'create');
  if (creates.length === 0) return new Map();
  const { links } = context.stores;
  const previous = await links.getMany(
    context.connection.id,
    context.objectType,
    creates.map((operation) => operation.hubId),
  );
  const at = context.now();
  const intents: Link[] = creates.map((operation) => {
    const link = previous.get(operation.hubId);
    return {
      connectionId: operation.connectionId,
      objectType: operation.objectType,
      hubId: operation.hubId,
      ruleIds: operation.reason.ruleIds,
      state: link?.state ?? 'pending',
      intent: { operation: 'create', runId: context.runId, at },
      attempts: link?.attempts ?? 0,
      ...(link?.lastError ? { lastError: link.lastError } : {}),
      updatedAt: at,
    };
  });
  await links.putMany(intents);
  return previous;
}

/**
 * Takes back the intents of creates that never started (the run was stopped first): their links
 * go back to what they were, so nothing looks pending that was never tried.
 */
export async function withdrawCreateIntents(
  context: OutboundContext,
  hubIds: readonly string[],
  previous: ReadonlyMap<string, Link>,
): Promise<void> {
  const restored: Link[] = [];
  for (const hubId of hubIds) {
    const link = previous.get(hubId);
    if (link) restored.push(link);
    else await context.stores.links.release(context.connection.id, context.objectType, hubId);
  }
  if (restored.length) await context.stores.links.putMany(restored);
}
