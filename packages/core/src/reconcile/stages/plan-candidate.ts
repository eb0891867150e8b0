import type { ScimResource } from '@idsync/scim';
import { applyMappings } from '../../mapping/apply-mappings.js';
import type { MappingProvenance } from '../../mapping/attribute-mapping.js';
import type { Link } from '../../model/link.js';
import { evaluateScope, type ScopeVerdict } from '../../rules/evaluate-scope.js';
import type { RemoteObject } from '../../spi/remote-object.js';
import { buildCorrelationFilter } from '../build-correlation-filter.js';
import { computeUpdate } from '../compute-update.js';
import { mergeMappedObjects } from '../merge-mapped-objects.js';
import type { OutboundContext } from '../outbound-context.js';
import { planObject, type CorrelationOutcome } from '../plan-object.js';
import type { PlannedOperation } from '../planned-operation.js';
import { resourceHash } from '../resource-hash.js';
import type { HubCandidate } from './read-hub-candidates.js';

/** Everything learned about one candidate on the way to its operations; `explain` shows it. */
export interface CandidatePlan {
  readonly hubId: string;
  readonly verdicts: readonly ScopeVerdict[];
  readonly desired?: { readonly onCreate: ScimResource; readonly onUpdate: ScimResource };
  readonly provenance: readonly MappingProvenance[];
  readonly link?: Link;
  readonly operations: readonly PlannedOperation[];
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Stages scope → map → correlate → diff → plan for one hub object. Reads the remote side
 * only when it must: an incremental run trusts the link's last-applied hash when the mapped
 * object has not changed (echo suppression); a full run reads the remote object to find drift.
 */
export async function planCandidate(
  context: OutboundContext,
  candidate: HubCandidate,
  mode: 'full' | 'incremental',
): Promise<CandidatePlan> {
  const { connection, connector, objectType, stores } = context;
  const base = { connectionId: connection.id, objectType, hubId: candidate.hubId };
  const fail = (summary: string, extra: Partial<CandidatePlan> = {}): CandidatePlan => ({
    hubId: candidate.hubId,
    verdicts: [],
    provenance: [],
    ...extra,
    operations: [{ ...base, kind: 'error', reason: { ruleIds: [], summary } }],
  });

  // scope
  let memberOf: Promise<ReadonlySet<string>> | undefined;
  const groupsOf = () => (memberOf ??= stores.hub.groupsOf(candidate.hubId, true).then((ids) => new Set(ids)));
  const verdicts: ScopeVerdict[] = [];
  if (candidate.object) {
    for (const rule of context.rules) verdicts.push(await evaluateScope(rule, candidate.object, groupsOf));
  }
  const wantedBy = verdicts.filter((v) => v.inScope).map((v) => v.ruleId);

  // map
  let desired: CandidatePlan['desired'];
  let provenance: readonly MappingProvenance[] = [];
  if (candidate.object && wantedBy.length) {
    try {
      const wanted = context.rules.filter((rule) => wantedBy.includes(rule.rule.id));
      const source = candidate.object.resource;
      const onCreate = mergeMappedObjects(wanted.map((rule) => applyMappings(rule.mappings, source, { isCreate: true })));
      const onUpdate = mergeMappedObjects(wanted.map((rule) => applyMappings(rule.mappings, source, { isCreate: false })));
      desired = { onCreate: onCreate.resource, onUpdate: onUpdate.resource };
      provenance = onCreate.provenance;
    } catch (error) {
      return fail(`Mapping failed: ${describe(error)}`, { verdicts });
    }
  }

  // correlate (link first)
  const stored = await stores.links.get(connection.id, objectType, candidate.hubId);
  const link = stored?.remoteId ? stored : undefined;
  let linkedRemote: RemoteObject | undefined;
  let correlation: CorrelationOutcome | undefined;
  try {
    if (link?.remoteId) {
      const expected = objectType === 'User' && desired?.onUpdate.active === false ? 'disabled' : 'in-sync';
      const unchanged =
        mode === 'incremental' && desired && link.state === expected && link.lastAppliedHash === resourceHash(desired.onUpdate);
      if (unchanged) return { hubId: candidate.hubId, verdicts, desired, provenance, link, operations: [] };
      if (!connector.get) return fail(`Connector "${connection.connectorId}" cannot read objects by id (no get operation).`);
      linkedRemote = await connector.get(objectType, link.remoteId);
    } else if (desired) {
      correlation = await correlate(context, desired.onUpdate);
    }
  } catch (error) {
    return fail(`Reading the remote object failed: ${describe(error)}`, { verdicts, desired, provenance, ...(link ? { link } : {}) });
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
      computeUpdate(remote, wanted, { registry: context.registry, objectType, valuePathFilters, provenance }),
  });
  const desiredHash = desired ? resourceHash(desired.onUpdate) : undefined;
  let operations: PlannedOperation[] = planned.map((operation) =>
    desiredHash && ['create', 'update', 'link'].includes(operation.kind) ? { ...operation, desiredHash } : operation,
  );
  // In sync, but the link does not know it yet (first run after linking, or drift repaired
  // by someone else): remember the state so incremental runs can trust the hash.
  const expectedState = objectType === 'User' && desired?.onUpdate.active === false ? 'disabled' : 'in-sync';
  if (operations.length === 0 && link?.remoteId && desiredHash && (link.lastAppliedHash !== desiredHash || link.state !== expectedState)) {
    operations = [
      { ...base, kind: 'confirm', remoteId: link.remoteId, state: expectedState, desiredHash, reason: { ruleIds: wantedBy, summary: 'Already in sync.' } },
    ];
  }
  return { hubId: candidate.hubId, verdicts, desired, provenance, ...(link ? { link } : {}), operations };
}

async function correlate(context: OutboundContext, desired: ScimResource): Promise<CorrelationOutcome> {
  const { template, readIdentifier } = context.correlation;
  const filter = buildCorrelationFilter({ userFilterExpression: template }, desired, readIdentifier);
  if (!filter || !context.connector.find) return { kind: 'none', filter: filter?.text ?? '' };
  const matches = await context.connector.find(context.objectType, filter.node);
  if (matches.length === 0) return { kind: 'none', filter: filter.text };
  if (matches.length === 1) {
    const remote = matches[0]!;
    const owner = await context.stores.links.getByRemoteId(context.connection.id, context.objectType, remote.remoteId);
    if (!owner) return { kind: 'one', filter: filter.text, remote };
    const gone = !(await context.stores.hub.get(context.objectType, owner.hubId));
    return { kind: 'one', filter: filter.text, remote, linkedTo: { hubId: owner.hubId, gone } };
  }
  return { kind: 'many', filter: filter.text, count: matches.length };
}
