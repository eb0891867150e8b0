import type { AttributeMapping, ProvisioningRule } from '@idsync/core';
import type { RuleDefinition } from '../config/config-schema.js';

/** The engine's ProvisioningRule for a rule definition; the rule's name is its id. */
export function toRule(definition: RuleDefinition): ProvisioningRule {
  return {
    id: definition.name,
    name: definition.description ?? definition.name,
    direction: definition.direction,
    connectionId: definition.connection,
    objectType: definition.objectType,
    enabled: definition.enabled,
    scope: definition.scope,
    mappings: definition.mappings as AttributeMapping[],
    ...(definition.populationId ? { populationId: definition.populationId } : {}),
    ...(definition.authority ? { authority: definition.authority } : {}),
  };
}
