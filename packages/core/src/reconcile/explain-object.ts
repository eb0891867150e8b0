import type { MappingProvenance } from '../mapping/attribute-mapping.js';
import type { Link } from '../model/link.js';
import type { ObjectType } from '../model/object-type.js';
import type { ScopeVerdict } from '../rules/evaluate-scope.js';
import type { OutboundContext } from './outbound-context.js';
import type { PlannedOperation } from './planned-operation.js';
import { planPage } from './stages/plan-page.js';

/** Why one rule does or does not apply to the object. */
export interface RuleExplanation extends ScopeVerdict {
  readonly ruleName: string;
}

/**
 * Everything idsync knows about one object on one connection: which rules want it and why,
 * where each remote attribute value comes from, the link, and what a sync would do now.
 */
export interface ObjectExplanation {
  readonly objectType: ObjectType;
  readonly hubId: string;
  readonly connectionId: string;
  readonly existsInHub: boolean;
  readonly rules: readonly RuleExplanation[];
  readonly attributes: readonly MappingProvenance[];
  readonly link?: Link;
  readonly wouldDo: readonly PlannedOperation[];
}

/**
 * `idsync explain`: runs the planning stages for one object — read-only, the same code a run
 * uses — and returns what they found instead of executing it.
 */
export async function explainObject(context: OutboundContext, hubId: string): Promise<ObjectExplanation> {
  const object = await context.stores.hub.get(context.objectType, hubId);
  // A page of one: the same look-ups, stages and pacing a run uses.
  const [plan] = await planPage(context, [object ? { hubId, object } : { hubId }], 'full', 1);
  if (!plan) throw new Error(`Planning hub object ${hubId} gave no plan.`);
  const names = new Map(context.rules.map((compiled) => [compiled.rule.id, compiled.rule.name]));
  const link =
    plan.link ?? (await context.stores.links.get(context.connection.id, context.objectType, hubId));
  return {
    objectType: context.objectType,
    hubId,
    connectionId: context.connection.id,
    existsInHub: object !== undefined,
    rules: plan.verdicts.map((verdict) => ({
      ...verdict,
      ruleName: names.get(verdict.ruleId) ?? verdict.ruleId,
    })),
    attributes: plan.provenance,
    ...(link ? { link } : {}),
    wouldDo: plan.operations,
  };
}
