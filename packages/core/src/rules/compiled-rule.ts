import { compileFilter, isScimError, type FilterPredicate, type SchemaRegistry } from '@idsync/scim';
import { ConfigError } from '../config/config-error.js';
import { compileMappings, type CompiledMappings } from '../mapping/compile-mappings.js';
import type { ProvisioningRule } from '../model/provisioning-rule.js';

/** A rule with its scope filter and mappings compiled once, to be applied to every object. */
export interface CompiledRule {
  readonly rule: ProvisioningRule;
  readonly populations?: ReadonlySet<string>;
  readonly groups?: ReadonlySet<string>;
  readonly filter?: FilterPredicate;
  readonly mappings: CompiledMappings;
}

/**
 * Compiles a rule and reports a broken scope filter as a configuration error that names the
 * rule and the filter, so a typo fails when the rule is loaded rather than silently matching
 * nothing. Mapping errors come from the mapping module, also naming the rule.
 */
export function compileRule(rule: ProvisioningRule, registry: SchemaRegistry): CompiledRule {
  let filter: FilterPredicate | undefined;
  if (rule.scope.filter?.trim()) {
    try {
      filter = compileFilter(rule.scope.filter, { registry, scope: registry.scopeOf(rule.objectType) });
    } catch (error) {
      if (!isScimError(error)) throw error;
      throw new ConfigError([
        {
          key: `rules.${rule.id}.scope.filter`,
          problem: error.detail,
          fix: 'Write the scope as a SCIM filter, e.g. `active eq true and title co "Engineer"`.',
        },
      ]);
    }
  }
  return {
    rule,
    ...(rule.scope.populationIds?.length ? { populations: new Set(rule.scope.populationIds) } : {}),
    ...(rule.scope.groupIds?.length ? { groups: new Set(rule.scope.groupIds) } : {}),
    ...(filter ? { filter } : {}),
    mappings: compileMappings(rule.id, ownedMappings(rule), { registry, objectType: rule.objectType }),
  };
}

/** The mappings a rule may apply: those whose target its direction owns (see `authority`). */
export function ownedMappings(rule: ProvisioningRule): ProvisioningRule['mappings'] {
  const other = rule.direction === 'outbound' ? 'remote' : 'hub';
  const owner = (target: string) => rule.authority?.[target] ?? rule.authority?.[target.toLowerCase()];
  return rule.mappings.filter((mapping) => owner(mapping.target) !== other);
}
