import { getCaseInsensitive } from '../resource/case-insensitive.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import { multiValuedElementKey, singleValuesEqual } from './attribute-value-equality.js';
import { isComplexValue } from './complex-value.js';
import { findSubAttribute, valueSubAttribute } from './sub-attributes.js';

/** The result of adding values to a multi-valued attribute. */
export interface AppendResult {
  readonly elements: readonly unknown[];
  /** The values actually appended (duplicates of existing values are not). */
  readonly appended: ReadonlySet<unknown>;
}

/**
 * Appends values to a multi-valued attribute, skipping any that is already there (RFC 7644
 * §3.5.2.1: "If the target location already contains the value specified, no changes SHOULD be
 * made"). Values are bucketed by key so large member lists are not compared pairwise.
 */
export function appendValues(
  definition: AttributeDefinition,
  current: readonly unknown[],
  additions: readonly unknown[],
): AppendResult {
  const buckets = new Map<string, unknown[]>();
  const bucketOf = (element: unknown): unknown[] => {
    const key = multiValuedElementKey(definition, element);
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = []));
    return bucket;
  };
  for (const element of current) bucketOf(element).push(element);
  const elements = [...current];
  const appended = new Set<unknown>();
  for (const addition of additions) {
    const bucket = bucketOf(addition);
    if (bucket.some((existing) => singleValuesEqual(definition, existing, addition))) continue;
    bucket.push(addition);
    elements.push(addition);
    appended.add(addition);
  }
  return { elements, appended };
}

/** The values of a replacing list, without repeats. */
export function distinctValues(
  definition: AttributeDefinition,
  values: readonly unknown[],
): readonly unknown[] {
  return appendValues(definition, [], values).elements;
}

/**
 * Whether `element` is the one a listed value names, for a `remove` that carries a value
 * (Entra ID: `{"op":"Remove","path":"members","value":[{"value":"id"}]}`). A listed object with
 * `value` names elements by that sub-attribute alone; one without names elements whose given
 * sub-attributes all match; a primitive names an equal simple value (or an element whose `value`
 * is equal).
 */
function isNamedBy(definition: AttributeDefinition, element: unknown, listed: unknown): boolean {
  if (definition.type !== 'complex') {
    const wanted = isComplexValue(listed) ? getCaseInsensitive(listed, 'value') : listed;
    return singleValuesEqual(definition, element, wanted);
  }
  if (!isComplexValue(element)) return false;
  const valueDefinition = valueSubAttribute(definition);
  if (!isComplexValue(listed)) {
    return (
      valueDefinition !== undefined &&
      singleValuesEqual(valueDefinition, getCaseInsensitive(element, 'value'), listed)
    );
  }
  const listedValue = getCaseInsensitive(listed, 'value');
  if (valueDefinition && listedValue !== undefined && listedValue !== null) {
    return singleValuesEqual(valueDefinition, getCaseInsensitive(element, 'value'), listedValue);
  }
  return Object.keys(listed).every((key) => {
    const sub = findSubAttribute(definition, key);
    const mine = getCaseInsensitive(element, key);
    return sub
      ? singleValuesEqual(sub, mine, listed[key])
      : JSON.stringify(mine) === JSON.stringify(listed[key]);
  });
}

/**
 * Removes the elements that the listed values name, and only those; values that name nothing are
 * ignored (they are already gone). Used for a `remove` of a multi-valued attribute that carries a
 * value — read literally the RFC would clear the whole attribute, which is how naive servers wipe
 * a group when Entra ID removes one member.
 */
export function removeListedValues(
  definition: AttributeDefinition,
  current: readonly unknown[],
  listed: readonly unknown[],
): readonly unknown[] {
  if (listed.length === 0) return current;
  const valueDefinition = definition.type === 'complex' ? valueSubAttribute(definition) : definition;
  const byValue = new Map<string, unknown[]>();
  const others: unknown[] = [];
  for (const item of listed) {
    const value = isComplexValue(item) ? getCaseInsensitive(item, 'value') : item;
    if (valueDefinition && value !== undefined && value !== null && typeof value !== 'object') {
      const key = multiValuedElementKey(definition, definition.type === 'complex' ? { value } : value);
      const bucket = byValue.get(key) ?? [];
      bucket.push(item);
      byValue.set(key, bucket);
    } else others.push(item);
  }
  return current.filter((element) => {
    const candidates = byValue.get(multiValuedElementKey(definition, element));
    if (candidates?.some((item) => isNamedBy(definition, element, item))) return false;
    return !others.some((item) => isNamedBy(definition, element, item));
  });
}
