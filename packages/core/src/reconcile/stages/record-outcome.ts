import type { Link, SyncState } from '../../model/link.js';
import type { ObjectType } from '../../model/object-type.js';
import type { AuditEntry } from '../../ports/audit-log.js';
import type { OutboundContext } from '../outbound-context.js';
import type { PlannedOperation } from '../planned-operation.js';
import type { OperationOutcome } from './execute-operation.js';
import { markGroupsAwaitingMembers } from './groups-awaiting-members.js';

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** What one operation came to, as the record stage needs it. */
export interface OperationResult {
  readonly operation: PlannedOperation;
  readonly result:
    | { readonly ok: true; readonly outcome: OperationOutcome }
    | { readonly ok: false; readonly error: unknown };
}

/** The state of one link once a wave's outcomes are applied in order: kept with new values, or released. */
type LinkFate = { readonly kind: 'put'; readonly link: Link } | { readonly kind: 'release' };

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
 * Stage "record": links, sync status and the audit log after a wave of operations. Success
 * stores the remote id and the hash of what was applied (echo suppression); failure keeps the
 * link with the error and the attempt count, so the status shows it and the next run retries it.
 *
 * A wave is recorded in a handful of store calls, whatever its size — one read of the links,
 * one batched write, one audit append — instead of three per object: on an embedded store the
 * per-call cost, not the data, bounds how fast a large first load goes. The outcomes are
 * applied in plan order to the links in memory first, so two operations on one object (a
 * group's update and its membership change) end as they would one after the other.
 */
export async function recordOutcomes(
  context: OutboundContext,
  results: readonly OperationResult[],
): Promise<void> {
  if (results.length === 0) return;
  const { links, audit } = context.stores;
  const now = context.now();
  const fates = new Map<string, LinkFate>();
  const key = (objectType: ObjectType, hubId: string) => `${objectType}\u0000${hubId}`;
  await loadLinks(context, results, fates, key);
  // Only what an outcome changed is written back.
  const changed = new Set<string>();
  const decide = (entryKey: string, fate: LinkFate) => {
    fates.set(entryKey, fate);
    changed.add(entryKey);
  };
  const current = (objectType: ObjectType, hubId: string): Link | undefined => {
    const fate = fates.get(key(objectType, hubId));
    return fate?.kind === 'put' ? fate.link : undefined;
  };
  const entries: AuditEntry[] = [];
  const membershipWrites: (() => Promise<void>)[] = [];
  // Users whose membership in the connection's groups changes with this wave: created or
  // linked (they can now be members), disabled by the remove action (they must leave).
  const membersChanged: string[] = [];

  for (const { operation, result } of results) {
    const { connectionId, objectType, hubId } = operation;
    const existing = current(objectType, hubId);
    entries.push({
      at: now,
      actor: 'engine',
      action: `${operation.kind}${result.ok ? '' : '.failed'}`,
      connectionId,
      runId: context.runId,
      objectType,
      objectId: hubId,
      detail: { summary: operation.reason.summary, ...(result.ok ? {} : { error: describe(result.error) }) },
    });

    if (!result.ok || operation.kind === 'error') {
      const error = result.ok ? operation.reason.summary : describe(result.error);
      const failedState: SyncState =
        operation.kind === 'disable' || operation.kind === 'delete' ? 'failed-deprovision' : 'failed';
      decide(key(objectType, hubId), {
        kind: 'put',
        link: {
          ...(existing ?? { connectionId, objectType, hubId }),
          ruleIds: existing?.ruleIds ?? operation.reason.ruleIds,
          state: failedState,
          lastError: error,
          attempts: (existing?.attempts ?? 0) + 1,
          updatedAt: now,
        } as Link,
      });
      continue;
    }

    switch (operation.kind) {
      case 'skip':
        entries.pop();
        break;
      case 'release':
      case 'delete':
        decide(key(objectType, hubId), { kind: 'release' });
        break;
      case 'add-members':
        // Recorded before the write (execute); recording again is harmless and heals a lost record.
        membershipWrites.push(() => links.recordMemberships(connectionId, hubId, operation.memberHubIds));
        break;
      case 'remove-members':
      case 'forget-memberships':
        membershipWrites.push(() => links.forgetMemberships(connectionId, hubId, operation.memberHubIds));
        break;
      default: {
        if (operation.kind === 'link' && operation.takesOverFrom) {
          // A re-hire: the account belonged to a hub object that is gone; its link gives way.
          decide(key(objectType, operation.takesOverFrom), { kind: 'release' });
        }
        const remoteId = result.outcome.remoteId ?? existing?.remoteId;
        const { intent: _intent, lastError: _lastError, ...rest } = existing ?? ({} as Partial<Link>);
        decide(key(objectType, hubId), {
          kind: 'put',
          link: {
            ...rest,
            connectionId,
            objectType,
            hubId,
            ...(remoteId ? { remoteId } : {}),
            ruleIds: provenance(context, operation.reason.ruleIds, existing?.ruleIds ?? []),
            ...(operation.desiredHash ? { lastAppliedHash: operation.desiredHash } : {}),
            state: operation.kind === 'link' ? (operation.state ?? 'pending') : stateAfter(operation),
            attempts: 0,
            lastSuccessAt: now,
            updatedAt: now,
          },
        });
        // Its groups were planned without it (provisioned before it), or with it (it was in
        // scope then): the next group run, incremental too, adds it to them or takes it out.
        if (objectType === 'User' && ['create', 'link', 'disable'].includes(operation.kind))
          membersChanged.push(hubId);
      }
    }
  }

  const puts: Link[] = [];
  for (const entryKey of changed) {
    const fate = fates.get(entryKey)!;
    if (fate.kind === 'put') puts.push(fate.link);
    else {
      const [objectType, hubId] = entryKey.split('\u0000') as [ObjectType, string];
      await links.release(context.connection.id, objectType, hubId);
    }
  }
  if (puts.length) await links.putMany(puts);
  for (const write of membershipWrites) await write();
  if (entries.length) await audit.append(entries);
  for (const hubId of membersChanged) await markGroupsAwaitingMembers(context, hubId);
}

/** The links of every object the wave touched, one batched read per object type. */
async function loadLinks(
  context: OutboundContext,
  results: readonly OperationResult[],
  fates: Map<string, LinkFate>,
  key: (objectType: ObjectType, hubId: string) => string,
): Promise<void> {
  const hubIdsByType = new Map<ObjectType, Set<string>>();
  for (const { operation } of results) {
    const ids = hubIdsByType.get(operation.objectType) ?? new Set<string>();
    ids.add(operation.hubId);
    hubIdsByType.set(operation.objectType, ids);
  }
  for (const [objectType, ids] of hubIdsByType) {
    const found = await context.stores.links.getMany(context.connection.id, objectType, [...ids]);
    for (const [hubId, link] of found) fates.set(key(objectType, hubId), { kind: 'put', link });
  }
}

/**
 * The rules that want the object after this operation: this direction's rules from the plan,
 * plus whatever other rules (the inbound side of a two-way connection) the link already named.
 */
function provenance(
  context: OutboundContext,
  planned: readonly string[],
  existing: readonly string[],
): string[] {
  const kept = existing.filter((id) => !context.ownedRuleIds.has(id) && !planned.includes(id));
  return [...planned, ...kept];
}
