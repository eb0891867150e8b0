import type { Link } from '../../model/link.js';
import type { AuditEntry } from '../../ports/audit-log.js';
import type { InboundContext } from './inbound-context.js';
import type { InboundOperation } from './inbound-operation.js';

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The rules that want the object: this direction's from the plan, plus other directions' already on the link. */
function provenance(
  context: InboundContext,
  planned: readonly string[],
  existing: readonly string[] = [],
): string[] {
  return [...planned, ...existing.filter((id) => !context.ownedRuleIds.has(id) && !planned.includes(id))];
}

/**
 * Execute and record for one inbound operation: the hub write and the link in one step.
 * A create records the link right after the hub object exists; if the process dies between
 * the two, the next run finds the hub object by userName or displayName and links it.
 */
export async function applyInboundOperation(
  context: InboundContext,
  operation: InboundOperation,
): Promise<{ ok: boolean }> {
  const { hub, links, audit } = context.stores;
  const now = context.now();
  const entry = (action: string, objectId: string | undefined, error?: string): AuditEntry => ({
    at: now,
    actor: `connection:${operation.connectionId}`,
    action: `inbound.${action}`,
    connectionId: operation.connectionId,
    runId: context.runId,
    objectType: operation.objectType,
    ...(objectId ? { objectId } : {}),
    detail: { remoteId: operation.remoteId, summary: operation.reason.summary, ...(error ? { error } : {}) },
  });
  const existingLink =
    'hubId' in operation && operation.hubId
      ? await links.get(operation.connectionId, operation.objectType, operation.hubId)
      : undefined;
  const linkAfter = (hubId: string, state: Link['state']): Link => ({
    ...(existingLink ?? {}),
    connectionId: operation.connectionId,
    objectType: operation.objectType,
    hubId,
    remoteId: operation.remoteId,
    ruleIds: provenance(context, operation.reason.ruleIds, existingLink?.ruleIds),
    ...(operation.desiredHash ? { lastAppliedHash: operation.desiredHash } : {}),
    state,
    attempts: 0,
    lastSuccessAt: now,
    updatedAt: now,
  });

  try {
    switch (operation.kind) {
      case 'create': {
        const populationId = operation.populationId ?? (await hub.defaultPopulation()).id;
        const created = await hub.create(operation.objectType, populationId, operation.resource);
        await links.put(linkAfter(created.id, 'in-sync'));
        await audit.append([entry('create', created.id)]);
        return { ok: true };
      }
      case 'update': {
        await hub.replace(operation.objectType, operation.hubId, operation.resource);
        await links.put(linkAfter(operation.hubId, 'in-sync'));
        break;
      }
      case 'link':
      case 'confirm':
        await links.put(linkAfter(operation.hubId, 'in-sync'));
        break;
      case 'disable': {
        const current = await hub.get(operation.objectType, operation.hubId);
        if (current)
          await hub.replace(operation.objectType, operation.hubId, { ...current.resource, active: false });
        await links.put(linkAfter(operation.hubId, 'disabled'));
        break;
      }
      case 'delete':
        await hub.delete(operation.objectType, operation.hubId);
        await links.release(operation.connectionId, operation.objectType, operation.hubId);
        break;
      case 'skip':
        return { ok: true };
      case 'error':
        throw new Error(operation.reason.summary);
    }
    if (operation.kind !== 'confirm') await audit.append([entry(operation.kind, operation.hubId)]);
    return { ok: true };
  } catch (error) {
    const hubId = 'hubId' in operation ? operation.hubId : undefined;
    if (hubId) {
      const {
        lastSuccessAt: _notThisTime,
        lastAppliedHash: _notApplied,
        ...failed
      } = linkAfter(
        hubId,
        operation.kind === 'delete' || operation.kind === 'disable' ? 'failed-deprovision' : 'failed',
      );
      await links.put({
        ...failed,
        ...(existingLink?.lastSuccessAt ? { lastSuccessAt: existingLink.lastSuccessAt } : {}),
        ...(existingLink?.lastAppliedHash ? { lastAppliedHash: existingLink.lastAppliedHash } : {}),
        lastError: describe(error),
        attempts: (existingLink?.attempts ?? 0) + 1,
      });
    }
    await audit.append([entry(`${operation.kind}.failed`, hubId, describe(error))]);
    return { ok: false };
  }
}
