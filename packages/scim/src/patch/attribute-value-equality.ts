import { getCaseInsensitive } from '../resource/case-insensitive.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import { jsonEqual } from './json-equal.js';
import { findSubAttribute, valueSubAttribute } from './sub-attributes.js';

/**
 * True for a value that means "no value" (RFC 7643 §2.5): absent, null, an empty array, or an
 * object whose every member is unassigned.
 */
export function isUnassigned(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    for (const member of Object.values(value)) if (!isUnassigned(member)) return false;
    return true;
  }
  return false;
}

function normaliseText(definition: AttributeDefinition, text: string): string {
  return definition.caseExact ? text : text.toLowerCase();
}

/**
 * Whether two single values of an attribute are the same value by the schema's rules: strings
 * compare with or without case per `caseExact`, dateTimes as instants, complex values sub-attribute
 * by sub-attribute (unknown sub-attributes exactly). Used where the RFC asks whether a value is
 * "already there": duplicate suppression on add, and the readOnly/immutable "unchanged" checks.
 */
export function singleValuesEqual(definition: AttributeDefinition, a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const aEmpty = isUnassigned(a);
  const bEmpty = isUnassigned(b);
  if (aEmpty || bEmpty) return aEmpty && bEmpty;
  if (typeof a === 'string' && typeof b === 'string') {
    if (definition.type === 'dateTime') {
      const left = Date.parse(a);
      const right = Date.parse(b);
      if (!Number.isNaN(left) && !Number.isNaN(right)) return left === right;
    }
    return normaliseText(definition, a) === normaliseText(definition, b);
  }
  if (
    definition.type === 'complex' &&
    typeof a === 'object' &&
    typeof b === 'object' &&
    !Array.isArray(a) &&
    !Array.isArray(b)
  ) {
    return complexValuesEqual(definition, a as Record<string, unknown>, b as Record<string, unknown>);
  }
  return jsonEqual(a, b);
}

function complexValuesEqual(
  definition: AttributeDefinition,
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): boolean {
  const seen = new Set<string>();
  for (const key of Object.keys(a)) {
    seen.add(key.toLowerCase());
    const other = getCaseInsensitive(b, key);
    const sub = findSubAttribute(definition, key);
    const equal = sub
      ? attributeValuesEqual(sub, a[key], other)
      : isUnassigned(a[key])
        ? isUnassigned(other)
        : jsonEqual(a[key], other);
    if (!equal) return false;
  }
  for (const key of Object.keys(b)) {
    if (!seen.has(key.toLowerCase()) && !isUnassigned(b[key])) return false;
  }
  return true;
}

/**
 * Whether two whole attribute values are the same: for a multi-valued attribute, the same values
 * in any order (RFC 7643 §2.4 gives multi-valued attributes no order) and with the same counts.
 */
export function attributeValuesEqual(definition: AttributeDefinition, a: unknown, b: unknown): boolean {
  if (!definition.multiValued || !Array.isArray(a) || !Array.isArray(b))
    return singleValuesEqual(definition, a, b);
  if (a.length !== b.length) return false;
  const buckets = new Map<string, unknown[]>();
  for (const candidate of b) {
    const key = multiValuedElementKey(definition, candidate);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(candidate);
    else buckets.set(key, [candidate]);
  }
  for (const item of a) {
    const bucket = buckets.get(multiValuedElementKey(definition, item));
    const index = bucket
      ? bucket.findIndex((candidate) => singleValuesEqual(definition, item, candidate))
      : -1;
    if (index < 0) return false;
    bucket!.splice(index, 1);
  }
  return true;
}

/**
 * A bucket key for one value of a multi-valued attribute: values that are equal by
 * `singleValuesEqual` always share a key, so duplicate checks compare within a bucket instead of
 * against every value (group membership lists run to many thousands). Complex values are keyed by
 * their `value` sub-attribute; those without one share a bucket.
 */
export function multiValuedElementKey(definition: AttributeDefinition, element: unknown): string {
  if (definition.type === 'complex') {
    const valueDefinition = valueSubAttribute(definition);
    if (!valueDefinition || element === null || typeof element !== 'object') return '*';
    return primitiveKey(valueDefinition, getCaseInsensitive(element, 'value'));
  }
  return primitiveKey(definition, element);
}

function primitiveKey(definition: AttributeDefinition, value: unknown): string {
  if (typeof value === 'string') {
    if (definition.type === 'dateTime') {
      const instant = Date.parse(value);
      if (!Number.isNaN(instant)) return `d:${instant}`;
    }
    return `s:${normaliseText(definition, value)}`;
  }
  if (value === undefined || value === null) return '-';
  if (typeof value === 'object') return '*';
  return `${typeof value}:${String(value)}`;
}
