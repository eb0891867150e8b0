/**
 * Identity of multi-valued entries, shared by both PATCH directions. 1.1 identifies an entry by
 * its `value` (plus `type` where given, since the same address may be both "work" and "home");
 * entries without a `value` (addresses) by all their simple sub-attributes.
 */
import { getCaseInsensitive } from '../resource/case-insensitive.js';
import type { FilterLiteral } from '../filter/filter-ast.js';
import type { AttributePath } from '../schema/attribute-path.js';
import { isPlainObject } from './attribute-value-mapping.js';
import type { EqualityCondition } from './v1-expressible-patch-path.js';
import { isV2CoreSchema } from './v1-schema-urns.js';

function sameLiteral(actual: unknown, expected: FilterLiteral): boolean {
  if (expected === null) return actual === undefined || actual === null;
  if (typeof expected === 'string') {
    // string sub-attributes of the core multi-valued attributes (value, type) are caseExact=false
    return typeof actual === 'string' && actual.toLowerCase() === expected.toLowerCase();
  }
  if (typeof expected === 'boolean' && typeof actual === 'string')
    return actual.toLowerCase() === String(expected);
  return actual === expected;
}

/** True when `entry` satisfies every `eq` condition (sub-attribute names case-insensitive). */
export function matchesConditions(entry: unknown, conditions: readonly EqualityCondition[]): boolean {
  if (!isPlainObject(entry)) {
    // a simple multi-valued value can only be matched as `value eq …`
    return conditions.every((c) => c.attribute.toLowerCase() === 'value' && sameLiteral(entry, c.value));
  }
  return conditions.every((condition) =>
    sameLiteral(getCaseInsensitive(entry, condition.attribute), condition.value),
  );
}

function isLiteral(value: unknown): value is FilterLiteral {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** The conditions that identify `entry` the way 1.1 matches values; empty when nothing does. */
export function identityConditions(entry: unknown): EqualityCondition[] {
  if (!isPlainObject(entry)) return isLiteral(entry) ? [{ attribute: 'value', value: entry }] : [];
  const value = getCaseInsensitive(entry, 'value');
  if (isLiteral(value)) {
    const type = getCaseInsensitive(entry, 'type');
    return typeof type === 'string'
      ? [
          { attribute: 'value', value },
          { attribute: 'type', value: type },
        ]
      : [{ attribute: 'value', value }];
  }
  return Object.entries(entry)
    .filter(([key, subValue]) => key.toLowerCase() !== 'operation' && isLiteral(subValue))
    .map(([key, subValue]) => ({ attribute: key, value: subValue as FilterLiteral }));
}

/** Reads an attribute of a 2.0 resource: core ones at the top level, extension ones under their URN. */
export function lookupAttribute(
  resource: object,
  path: Pick<AttributePath, 'schema' | 'attribute'>,
): unknown {
  if (path.schema === undefined || isV2CoreSchema(path.schema))
    return getCaseInsensitive(resource, path.attribute);
  const extension = getCaseInsensitive(resource, path.schema);
  return isPlainObject(extension) ? getCaseInsensitive(extension, path.attribute) : undefined;
}

/** True when the attribute (or sub-attribute) has a value: not absent, not null, not `[]`. */
export function hasValue(resource: object, path: AttributePath): boolean {
  const value = lookupAttribute(resource, path);
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) {
    if (path.subAttribute === undefined) return value.length > 0;
    return value.some(
      (entry) => isPlainObject(entry) && getCaseInsensitive(entry, path.subAttribute!) != null,
    );
  }
  if (path.subAttribute === undefined) return true;
  return isPlainObject(value) && getCaseInsensitive(value, path.subAttribute) != null;
}

/** Structural equality of JSON values (key order ignored), to skip merges that change nothing. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameJson(a[key], b[key]));
}
