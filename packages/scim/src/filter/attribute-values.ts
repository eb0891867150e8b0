import { getCaseInsensitive } from '../resource/case-insensitive.js';
import type { AttributePath } from '../schema/attribute-path.js';
import type { ValueTest } from './compile-value-test.js';

/**
 * Reading attribute values out of resources for the evaluator. Every lookup is
 * case-insensitive (RFC 7643 §2.1) and tries the schema's spelling first, which is how
 * resources are normally stored, so the common case is one property access.
 */

/** Reads an attribute's raw value (undefined when absent) from a resource or a complex value. */
export type AttributeReader = (target: object) => unknown;

export function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A core (top-level) attribute, or a sub-attribute of one complex value. */
export function memberReader(name: string): AttributeReader {
  return (target) => getCaseInsensitive(target, name);
}

/** An extension attribute, which lives in the object under its schema URN. */
export function extensionReader(schemaUrn: string, name: string): AttributeReader {
  return (target) => {
    const extension = getCaseInsensitive(target, schemaUrn);
    return isPlainObject(extension) ? getCaseInsensitive(extension, name) : undefined;
  };
}

function listsSchema(target: object, urn: string): boolean {
  const schemas = getCaseInsensitive(target, 'schemas');
  const lower = urn.toLowerCase();
  return Array.isArray(schemas) && schemas.some((s) => typeof s === 'string' && s.toLowerCase() === lower);
}

/**
 * Data without a schema: a URN-qualified name is read under that URN's key, or at the top
 * level when the resource lists the URN in `schemas` (its core schema); an unqualified name at
 * the top level and, failing that, in any `urn:…` extension object — the same leniency the
 * schema registry shows for unqualified extension attributes.
 */
export function untypedReader(path: AttributePath): AttributeReader {
  const { schema, attribute } = path;
  if (schema !== undefined) {
    return (target) => {
      const extension = getCaseInsensitive(target, schema);
      if (isPlainObject(extension)) return getCaseInsensitive(extension, attribute);
      return listsSchema(target, schema) ? getCaseInsensitive(target, attribute) : undefined;
    };
  }
  return (target) => {
    const value = getCaseInsensitive(target, attribute);
    if (value !== undefined) return value;
    for (const key of Object.keys(target)) {
      if (key.length > 4 && key.slice(0, 4).toLowerCase() === 'urn:') {
        const extension = (target as Record<string, unknown>)[key];
        const inner = isPlainObject(extension) ? getCaseInsensitive(extension, attribute) : undefined;
        if (inner !== undefined) return inner;
      }
    }
    return undefined;
  };
}

/** Any single value (any element when multi-valued) passes the test. */
export function someValue(value: unknown, test: ValueTest): boolean {
  if (!Array.isArray(value)) return value !== undefined && test(value);
  for (const element of value) if (test(element)) return true;
  return false;
}

/** Any complex value has a sub-attribute value that passes the test. */
export function someSubValue(value: unknown, subAttribute: string, test: ValueTest): boolean {
  if (!Array.isArray(value))
    return isPlainObject(value) && someValue(getCaseInsensitive(value, subAttribute), test);
  for (const element of value) {
    if (isPlainObject(element) && someValue(getCaseInsensitive(element, subAttribute), test)) return true;
  }
  return false;
}

/** Untyped: a complex value without a named sub-attribute is compared by its `value` (RFC 7644 §3.10). */
export function someValueOrItsValue(value: unknown, test: ValueTest): boolean {
  if (!Array.isArray(value)) {
    return isPlainObject(value)
      ? someValue(getCaseInsensitive(value, 'value'), test)
      : value !== undefined && test(value);
  }
  for (const element of value) {
    if (isPlainObject(element) ? someValue(getCaseInsensitive(element, 'value'), test) : test(element))
      return true;
  }
  return false;
}

/** Any complex value (any element when multi-valued) satisfies a value filter. */
export function someElement(value: unknown, matches: (element: object) => boolean): boolean {
  if (!Array.isArray(value)) return isPlainObject(value) && matches(value);
  for (const element of value) if (isPlainObject(element) && matches(element)) return true;
  return false;
}

/**
 * RFC 7644 §3.4.2.2 `pr`: a value is present unless it is absent, null, an empty string, an
 * empty array, or a complex value with nothing present in it; an array is present when any
 * element is.
 */
export function isPresentValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(isPresentValue);
  if (typeof value === 'object') {
    for (const key in value) {
      if (
        Object.prototype.hasOwnProperty.call(value, key) &&
        isPresentValue((value as Record<string, unknown>)[key])
      ) {
        return true;
      }
    }
    return false;
  }
  return true;
}

/** Any complex value has the sub-attribute present. */
export function someSubPresent(value: unknown, subAttribute: string): boolean {
  if (!Array.isArray(value))
    return isPlainObject(value) && isPresentValue(getCaseInsensitive(value, subAttribute));
  for (const element of value) {
    if (isPlainObject(element) && isPresentValue(getCaseInsensitive(element, subAttribute))) return true;
  }
  return false;
}
