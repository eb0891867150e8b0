import type { HubObject } from '../model/hub-object.js';
import type { CompiledRule } from './compiled-rule.js';

/** Whether one object is in one rule's scope, and every reason why or why not (for `explain`). */
export interface ScopeVerdict {
  readonly ruleId: string;
  readonly inScope: boolean;
  readonly because: readonly string[];
}

/**
 * Evaluates a rule's scope: population, group membership (transitive, as the caller supplies
 * it) and the SCIM filter. All conditions are evaluated, even after one fails, so `explain`
 * can say everything that keeps an object out. `groupsOf` is called only when the rule scopes
 * by group, because it costs a store query.
 */
export async function evaluateScope(
  compiled: CompiledRule,
  object: HubObject,
  groupsOf: () => Promise<ReadonlySet<string>>,
): Promise<ScopeVerdict> {
  const { rule } = compiled;
  const because: string[] = [];
  let inScope = rule.enabled;
  if (!rule.enabled) because.push(`rule "${rule.name}" is disabled`);
  if (object.type !== rule.objectType) {
    return {
      ruleId: rule.id,
      inScope: false,
      because: [`rule "${rule.name}" applies to ${rule.objectType} objects`],
    };
  }
  if (compiled.populations) {
    const ok = compiled.populations.has(object.populationId);
    inScope &&= ok;
    because.push(
      ok
        ? `population ${object.populationId} is in the rule's populations`
        : `population ${object.populationId} is not one of ${[...compiled.populations].join(', ')}`,
    );
  }
  if (compiled.groups) {
    const memberOf = await groupsOf();
    const matching = [...compiled.groups].filter((id) => memberOf.has(id));
    inScope &&= matching.length > 0;
    because.push(
      matching.length
        ? `member of group ${matching.join(', ')}`
        : `not a member of any of the groups ${[...compiled.groups].join(', ')}`,
    );
  }
  if (compiled.filter) {
    const ok = compiled.filter(object.resource);
    inScope &&= ok;
    because.push(
      ok ? `matches the filter ${rule.scope.filter}` : `does not match the filter ${rule.scope.filter}`,
    );
  }
  if (because.length === 0) because.push('the rule has no scope conditions: every object is in scope');
  return { ruleId: rule.id, inScope, because };
}
