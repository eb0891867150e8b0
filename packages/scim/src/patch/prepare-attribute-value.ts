import { ScimError } from '../errors/scim-error.js';
import { assertSingleValue } from '../resource/assert-attribute-value.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import { findSubAttribute } from './sub-attributes.js';

export interface ValuePreparationOptions {
  /** Turn `"true"`/`"False"` into booleans where the schema says boolean (Entra ID). */
  readonly coerceStringBooleans: boolean;
}

const STRING_BOOLEAN = /^(true|false)$/i;

/**
 * Checks a value a PATCH operation brings for an attribute against the schema and returns it in
 * the form to store: sub-attribute names spelled as the schema spells them, string booleans
 * coerced when allowed. Throws `invalidValue` naming the attribute when a type does not fit.
 * A single value for a multi-valued attribute is taken as a list of one (clients send both).
 * `null` stays `null`: it means "unassigned" and the caller decides what that does.
 * Sub-attributes the schema does not know are kept unchecked: RFC 7644's own examples send
 * `members.display`, which RFC 7643 §8.7.1 does not define. Returns the input itself when
 * nothing needed changing, so unchanged values are never copied.
 */
export function prepareAttributeValue(
  definition: AttributeDefinition,
  value: unknown,
  path: string,
  options: ValuePreparationOptions,
): unknown {
  if (value === null) return null;
  if (definition.multiValued) {
    const items = Array.isArray(value) ? value : [value];
    let changed = !Array.isArray(value);
    const prepared = items.map((item) => {
      if (item === null)
        throw ScimError.invalidValue(`Attribute "${path}" cannot hold null as one of its values.`);
      const result = prepareSingleValue(definition, item, path, options);
      if (result !== item) changed = true;
      return result;
    });
    return changed ? prepared : value;
  }
  if (Array.isArray(value)) {
    throw ScimError.invalidValue(`Attribute "${path}" is single-valued, but got an array.`);
  }
  return prepareSingleValue(definition, value, path, options);
}

/** One value of an attribute (an element, for a multi-valued one). */
export function prepareSingleValue(
  definition: AttributeDefinition,
  value: unknown,
  path: string,
  options: ValuePreparationOptions,
): unknown {
  if (
    definition.type === 'boolean' &&
    typeof value === 'string' &&
    options.coerceStringBooleans &&
    STRING_BOOLEAN.test(value)
  ) {
    return value.toLowerCase() === 'true';
  }
  if (definition.type !== 'complex') {
    assertSingleValue(definition, value, path);
    return value;
  }
  assertSingleValue(definition, value, path);
  const source = value as Record<string, unknown>;
  let result: Record<string, unknown> | undefined;
  for (const key of Object.keys(source)) {
    const sub = findSubAttribute(definition, key);
    if (!sub) continue;
    const original = source[key];
    const prepared = prepareAttributeValue(sub, original, `${path}.${sub.name}`, options);
    if (prepared === original && sub.name === key) continue;
    result ??= { ...source };
    if (sub.name !== key) delete result[key];
    result[sub.name] = prepared;
  }
  return result ?? value;
}
