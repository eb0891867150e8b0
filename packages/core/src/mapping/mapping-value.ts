import type { ScimValue } from '@idsync/scim';

/**
 * The values an expression works with and a constant or default can hold. Lists are lists of
 * strings only: multi-valued simple attributes (roles, entitlement values, email addresses
 * plucked with `[emails.value]`) are what mappings need, and one element type keeps every
 * function's behaviour on lists predictable.
 */
export type ScalarOrList = string | number | boolean | null | string[];

/** What an expression evaluates to. */
export type ExpressionValue = ScalarOrList;

/**
 * What a mapping writes into the target. Expressions and constants produce a `ScalarOrList`;
 * a direct mapping copies the source value as it is, which may be complex (`name`, `emails`).
 * `null` means "clear this attribute" and is kept in the target so the diff stage removes it.
 */
export type MappedValue = ScimValue;

/**
 * Empty in the sense of RFC 7643 §2.5, where null, an empty string and an empty array are all
 * "unassigned". Also counts `undefined` (attribute absent) and an object without keys.
 */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** True for a value a constant, a default or an expression result may hold. */
export function isScalarOrList(value: unknown): value is ScalarOrList {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/**
 * A deep copy of a JSON value taken from a source object, so that later writes into the target
 * never alias the source. A `__proto__` key (JSON.parse creates it as an own property) is
 * dropped: assigning it on a fresh object would change that object's prototype.
 */
export function cloneScimValue(value: ScimValue): ScimValue {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneScimValue);
  const copy: { [key: string]: ScimValue } = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') continue;
    copy[key] = cloneScimValue(value[key] as ScimValue);
  }
  return copy;
}
