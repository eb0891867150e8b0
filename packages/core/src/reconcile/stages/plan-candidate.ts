import type { ScimResource } from '@idsync/scim';
import type { MappingProvenance } from '../../mapping/attribute-mapping.js';
import type { Link } from '../../model/link.js';
import type { ScopeVerdict } from '../../rules/evaluate-scope.js';
import type { RemoteObject } from '../../spi/remote-object.js';
import { computeUpdate } from '../compute-update.js';
import type { OutboundContext } from '../outbound-context.js';
import { planObject, type CorrelationOutcome } from '../plan-object.js';
import type { PlannedOperation } from '../planned-operation.js';
import { resourceHash } from '../resource-hash.js';
import { correlationOutcome } from './correlation-outcome.js';
import type { LookupResult } from './prefetch-remote.js';
import type { PreparedCandidate } from './prepare-candidate.js';

/** Everything learned about one candidate on the way to its operations; `explain` shows it. */
export interface CandidatePlan {
  readonly hubId: string;
  readonly verdicts: readonly ScopeVerdict[];
  readonly desired?: { readonly onCreate: ScimResource; readonly onUpdate: ScimResource };
  readonly provenance: readonly MappingProvenance[];
  readonly link?: Link;
  readonly operations: readonly PlannedOperation[];
}

/** What the page's look-ups found for one candidate. */
export interface PrefetchedRemote {
  /** The candidate's link, when it has one with a remote id. */
  readonly link?: Link;
  /** The read of the linked object; absent when it was not read (an incremental run trusting the link). */
  readonly linked?: LookupResult<RemoteObject | undefined>;
  /** The correlation look-up (the filter and its matches); absent when there was none to make. */
  readonly correlation?: { readonly filter: string; readonly matches: LookupResult<readonly RemoteObject[]> };
}

/** The link state of an object in step with the hub: a user disabled in the hub is `disabled` remotely. */
function settledState(context: OutboundContext, prepared: PreparedCandidate): 'disabled' | 'in-sync' {
  return context.objectType === 'User' && prepared.desired?.onUpdate.active === false
    ? 'disabled'
    : 'in-sync';
}

/**
 * Echo suppression: an incremental run trusts the link's last-applied hash when the mapped
 * object has not changed since, and reads nothing remote for it. A full run always reads, to
 * find drift.
 */
export function trustsLastApplied(
  context: OutboundContext,
  prepared: PreparedCandidate,
  link: Link,
  mode: 'full' | 'incremental',
): boolean {
  const { desired } = prepared;
  return (
    mode === 'incremental' &&
    desired !== undefined &&
    link.state === settledState(context, prepared) &&
    link.lastAppliedHash === resourceHash(desired.onUpdate)
  );
}

/**
 * Stages correlate → diff → plan for one hub object, from what its page already read (see
 * plan-page): no remote call is made here, so planning a page costs a few batched requests
 * rather than one or two per object.
 */
export async function planCandidate(
  context: OutboundContext,
  prepared: PreparedCandidate,
  fetched: PrefetchedRemote,
  mode: 'full' | 'incremental',
): Promise<CandidatePlan> {
  const { connection, objectType } = context;
  const { candidate, verdicts, desired, provenance, wantedBy } = prepared;
  const base = { connectionId: connection.id, objectType, hubId: candidate.hubId };
  const { link } = fetched;
  const known = {
    hubId: candidate.hubId,
    verdicts,
    provenance,
    ...(desired ? { desired } : {}),
    ...(link ? { link } : {}),
  };
  const fail = (summary: string): CandidatePlan => ({
    ...known,
    operations: [{ ...base, kind: 'error', reason: { ruleIds: [], summary } }],
  });

  if (prepared.failure)
    return {
      hubId: candidate.hubId,
      verdicts,
      provenance: [],
      operations: [{ ...base, kind: 'error', reason: { ruleIds: [], summary: prepared.failure } }],
    };
  if (link && trustsLastApplied(context, prepared, link, mode)) return { ...known, operations: [] };

  // correlate (link first)
  let linkedRemote: RemoteObject | undefined;
  if (link) {
    if (!fetched.linked) return fail('The linked remote object was not read; the next run plans it again.');
    if (!fetched.linked.ok) return fail(fetched.linked.error);
    linkedRemote = fetched.linked.value;
  }
  let correlation: CorrelationOutcome | undefined;
  if (fetched.correlation) {
    const { filter, matches } = fetched.correlation;
    if (!matches.ok) return fail(matches.error);
    correlation = await correlationOutcome(context, candidate.hubId, filter, matches.value);
  }

  // diff + plan
  const valuePathFilters = context.implemented.patch;
  const planned = planObject({
    ...base,
    preferences: connection.preferences,
    wantedBy,
    hubDeleted: !candidate.object,
    ...(desired ? { desired } : {}),
    ...(link ? { link } : {}),
    ...(linkedRemote ? { linkedRemote } : {}),
    ...(correlation ? { correlation } : {}),
    computeUpdate: (remote, wanted) =>
      computeUpdate(remote, wanted, {
        registry: context.registry,
        objectType,
        valuePathFilters,
        provenance,
        customSchemaUrns: connection.preferences.customSchemaUrns,
      }),
  });
  const desiredHash = desired ? resourceHash(desired.onUpdate) : undefined;
  let operations: PlannedOperation[] = planned.map((operation) =>
    desiredHash && ['create', 'update', 'link'].includes(operation.kind)
      ? { ...operation, desiredHash }
      : operation,
  );
  // In sync, but the link does not know it yet (first run after linking, or drift repaired
  // by someone else): remember the state so incremental runs can trust the hash.
  const expectedState = settledState(context, prepared);
  if (
    operations.length === 0 &&
    link?.remoteId &&
    desiredHash &&
    (link.lastAppliedHash !== desiredHash || link.state !== expectedState)
  ) {
    operations = [
      {
        ...base,
        kind: 'confirm',
        remoteId: link.remoteId,
        state: expectedState,
        desiredHash,
        reason: { ruleIds: wantedBy, summary: 'Already in sync.' },
      },
    ];
  }
  return { ...known, operations };
}
