import { findKeyCaseInsensitive } from '../resource/case-insensitive.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import { findSubAttribute } from './sub-attributes.js';

export type ComplexValue = Record<string, unknown>;

export function isComplexValue(value: unknown): value is ComplexValue {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A new complex value: `current` with the sub-attributes of `patch` laid over it. This is what
 * add and replace do to a complex value (RFC 7644 §3.5.2.1/§3.5.2.3: the value's sub-attributes
 * replace existing ones or are added; sub-attributes not in the value are left unchanged). A
 * `null` sub-attribute in the patch removes it. Names are stored in the schema's spelling,
 * replacing a differently cased existing key.
 */
export function mergeComplexValue(
  definition: AttributeDefinition,
  current: unknown,
  patch: ComplexValue,
): ComplexValue {
  const result: ComplexValue = isComplexValue(current) ? { ...current } : {};
  for (const key of Object.keys(patch)) {
    const name = findSubAttribute(definition, key)?.name ?? key;
    const existing = findKeyCaseInsensitive(result, name);
    if (existing !== undefined) delete result[existing];
    const value = patch[key];
    if (value !== null && value !== undefined) result[name] = value;
  }
  return result;
}

/** A new complex value without the sub-attribute `name`; the same object when it had none. */
export function withoutSubAttribute(current: ComplexValue, name: string): ComplexValue {
  const key = findKeyCaseInsensitive(current, name);
  if (key === undefined) return current;
  const result = { ...current };
  delete result[key];
  return result;
}

/** Removes null members, which stand for "unassigned" (RFC 7643 §2.5), from a new element. */
export function withoutNullMembers(value: unknown): unknown {
  if (!isComplexValue(value)) return value;
  let result: ComplexValue | undefined;
  for (const key of Object.keys(value)) {
    if (value[key] !== null) continue;
    result ??= { ...value };
    delete result[key];
  }
  return result ?? value;
}
