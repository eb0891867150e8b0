import type { AttributeDefinition } from '../schema/attribute-definition.js';

const cache = new WeakMap<AttributeDefinition, ReadonlyMap<string, AttributeDefinition>>();

function subAttributeMap(definition: AttributeDefinition): ReadonlyMap<string, AttributeDefinition> {
  let map = cache.get(definition);
  if (!map) {
    map = new Map((definition.subAttributes ?? []).map((sub) => [sub.name.toLowerCase(), sub]));
    cache.set(definition, map);
  }
  return map;
}

/**
 * The sub-attribute `name` of a complex attribute, case-insensitively (RFC 7643 §2.1). Lookups
 * are memoised per definition because the PATCH engine and the diff ask for every key of every
 * complex value they touch.
 */
export function findSubAttribute(
  definition: AttributeDefinition,
  name: string,
): AttributeDefinition | undefined {
  return subAttributeMap(definition).get(name.toLowerCase());
}

/** The `value` sub-attribute of a complex multi-valued attribute, when the schema defines one. */
export function valueSubAttribute(definition: AttributeDefinition): AttributeDefinition | undefined {
  return definition.type === 'complex' ? findSubAttribute(definition, 'value') : undefined;
}

/** The boolean `primary` sub-attribute (RFC 7643 §2.4), when the schema defines one. */
export function primarySubAttribute(definition: AttributeDefinition): AttributeDefinition | undefined {
  if (definition.type !== 'complex' || !definition.multiValued) return undefined;
  const primary = findSubAttribute(definition, 'primary');
  return primary?.type === 'boolean' ? primary : undefined;
}
