import type { ScimResource } from '@idsync/scim';
import { applyMappings } from '../../mapping/apply-mappings.js';
import type { MappingProvenance } from '../../mapping/attribute-mapping.js';
import { evaluateScope, type ScopeVerdict } from '../../rules/evaluate-scope.js';
import { mergeMappedObjects } from '../merge-mapped-objects.js';
import type { OutboundContext } from '../outbound-context.js';
import type { HubCandidate } from './read-hub-candidates.js';

/** A candidate after scope and map: what the rules want of it, before anything remote is read. */
export interface PreparedCandidate {
  readonly candidate: HubCandidate;
  readonly verdicts: readonly ScopeVerdict[];
  /** Ids of the rules whose scope holds the object. */
  readonly wantedBy: readonly string[];
  /** The mapped object for a create and for an update; absent when no rule wants the object. */
  readonly desired?: { readonly onCreate: ScimResource; readonly onUpdate: ScimResource };
  readonly provenance: readonly MappingProvenance[];
  /** Why the candidate cannot be planned (its mapping failed); nothing remote is read for it. */
  readonly failure?: string;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Stages scope → map for one hub object: hub-side work only, so a page can then read the remote side at once. */
export async function prepareCandidate(
  context: OutboundContext,
  candidate: HubCandidate,
): Promise<PreparedCandidate> {
  let memberOf: Promise<ReadonlySet<string>> | undefined;
  const groupsOf = () =>
    (memberOf ??= context.stores.hub.groupsOf(candidate.hubId, true).then((ids) => new Set(ids)));
  const verdicts: ScopeVerdict[] = [];
  if (candidate.object) {
    for (const rule of context.rules) verdicts.push(await evaluateScope(rule, candidate.object, groupsOf));
  }
  const wantedBy = verdicts.filter((v) => v.inScope).map((v) => v.ruleId);
  if (!candidate.object || wantedBy.length === 0) return { candidate, verdicts, wantedBy, provenance: [] };
  try {
    const wanted = context.rules.filter((rule) => wantedBy.includes(rule.rule.id));
    const source = candidate.object.resource;
    const onCreate = mergeMappedObjects(
      wanted.map((rule) => applyMappings(rule.mappings, source, { isCreate: true })),
    );
    const onUpdate = mergeMappedObjects(
      wanted.map((rule) => applyMappings(rule.mappings, source, { isCreate: false })),
    );
    return {
      candidate,
      verdicts,
      wantedBy,
      desired: { onCreate: onCreate.resource, onUpdate: onUpdate.resource },
      provenance: onCreate.provenance,
    };
  } catch (error) {
    return { candidate, verdicts, wantedBy, provenance: [], failure: `Mapping failed: ${describe(error)}` };
  }
}
