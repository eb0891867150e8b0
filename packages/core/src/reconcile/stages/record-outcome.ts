import type { Link, SyncState } from '../../model/link.js';
import type { AuditEntry } from '../../ports/audit-log.js';
import type { OutboundContext } from '../outbound-context.js';
import type { PlannedOperation } from '../planned-operation.js';
import type { OperationOutcome } from './execute-operation.js';

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The link state an operation leaves behind when it succeeds. */
function stateAfter(operation: PlannedOperation): SyncState {
  switch (operation.kind) {
    case 'disable':
      // Only the remove action disables: the object left idsync's scope on this connection.
      return 'deprovisioned';
    case 'confirm':
      return operation.state;
    case 'update':
    case 'create':
      return operation.objectType === 'User' && operation.resource.active === false ? 'disabled' : 'in-sync';
    default:
      return 'in-sync';
  }
}

/**
 * Stage "record": links, sync status and the audit log after each operation. Success stores
 * the remote id and the hash of what was applied (echo suppression); failure keeps the link
 * with the error and the attempt count, so the status shows it and the next run retries it.
 */
export async function recordOutcome(
  context: OutboundContext,
  operation: PlannedOperation,
  result: { ok: true; outcome: OperationOutcome } | { ok: false; error: unknown },
): Promise<void> {
  const { links, audit } = context.stores;
  const existing = await links.get(operation.connectionId, operation.objectType, operation.hubId);
  const now = context.now();
  const entry: AuditEntry = {
    at: now,
    actor: 'engine',
    action: `${operation.kind}${result.ok ? '' : '.failed'}`,
    connectionId: operation.connectionId,
    runId: context.runId,
    objectType: operation.objectType,
    objectId: operation.hubId,
    detail: { summary: operation.reason.summary, ...(result.ok ? {} : { error: describe(result.error) }) },
  };

  if (!result.ok || operation.kind === 'error') {
    const error = result.ok ? operation.reason.summary : describe(result.error);
    const failedState: SyncState = operation.kind === 'disable' || operation.kind === 'delete' ? 'failed-deprovision' : 'failed';
    await links.put({
      ...(existing ?? { connectionId: operation.connectionId, objectType: operation.objectType, hubId: operation.hubId }),
      ruleIds: existing?.ruleIds ?? operation.reason.ruleIds,
      state: failedState,
      lastError: error,
      attempts: (existing?.attempts ?? 0) + 1,
      updatedAt: now,
    } as Link);
    await audit.append([entry]);
    return;
  }

  switch (operation.kind) {
    case 'skip':
      return;
    case 'release':
    case 'delete':
      await links.release(operation.connectionId, operation.objectType, operation.hubId);
      break;
    case 'add-members':
      // Recorded before the write (execute); recording again is harmless and heals a lost record.
      await links.recordMemberships(operation.connectionId, operation.hubId, operation.memberHubIds);
      break;
    case 'remove-members':
    case 'forget-memberships':
      await links.forgetMemberships(operation.connectionId, operation.hubId, operation.memberHubIds);
      break;
    default: {
      if (operation.kind === 'link' && operation.takesOverFrom) {
        // A re-hire: the account belonged to a hub object that is gone; its link gives way.
        await links.release(operation.connectionId, operation.objectType, operation.takesOverFrom);
      }
      const remoteId = result.outcome.remoteId ?? existing?.remoteId;
      const { intent: _intent, lastError: _lastError, ...rest } = existing ?? ({} as Partial<Link>);
      await links.put({
        ...rest,
        connectionId: operation.connectionId,
        objectType: operation.objectType,
        hubId: operation.hubId,
        ...(remoteId ? { remoteId } : {}),
        ruleIds: provenance(context, operation.reason.ruleIds, existing?.ruleIds ?? []),
        ...(operation.desiredHash ? { lastAppliedHash: operation.desiredHash } : {}),
        state: operation.kind === 'link' ? (operation.state ?? 'pending') : stateAfter(operation),
        attempts: 0,
        lastSuccessAt: now,
        updatedAt: now,
      });
    }
  }
  await audit.append([entry]);
}

/**
 * The rules that want the object after this operation: this direction's rules from the plan,
 * plus whatever other rules (the inbound side of a two-way connection) the link already named.
 */
function provenance(context: OutboundContext, planned: readonly string[], existing: readonly string[]): string[] {
  const kept = existing.filter((id) => !context.ownedRuleIds.has(id) && !planned.includes(id));
  return [...planned, ...kept];
}
