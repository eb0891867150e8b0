import type { AttributeDefinition } from '../schema/attribute-definition.js';

/**
 * Lenient conversions for values that real clients send in the wrong JSON type but with an
 * unambiguous meaning: `"true"` / `"false"` (any case) where the schema says boolean. SCIM 1.1
 * stacks and Microsoft Entra ID send `"active": "False"` or `"primary": "True"`. Anything
 * else is returned unchanged, for the type check to judge.
 */
export function coerceSingleValue(definition: AttributeDefinition, value: unknown): unknown {
  if (definition.type === 'boolean' && typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return value;
}
