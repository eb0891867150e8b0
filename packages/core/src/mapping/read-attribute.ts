import { getCaseInsensitive, type ScimResource, type ScimValue } from '@idsync/scim';
import type { ValueFilter, ValueFilterLiteral } from './mapping-path.js';
import type { ResolvedPath } from './resolve-mapping-path.js';

/** Reads one path from a resource; `undefined` when the attribute is absent. */
export type AttributeReader = (resource: ScimResource) => ScimValue | undefined;

function isRecord(value: unknown): value is Record<string, ScimValue> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Whether an element's sub-attribute equals a filter literal. Strings compare without regard
 * to case, as SCIM does for the `type` and `value` keys that mappings select elements by.
 */
export function matchesValueFilter(element: unknown, filter: ValueFilter): boolean {
  if (!isRecord(element)) return false;
  const actual = getCaseInsensitive<ScimValue>(element, filter.attribute);
  const wanted: ValueFilterLiteral = filter.value;
  if (typeof actual === 'string' && typeof wanted === 'string')
    return actual.toLowerCase() === wanted.toLowerCase();
  if (wanted === null) return actual === null || actual === undefined;
  return actual === wanted;
}

/** The element a value path selects: the `primary` one among the matches, else the first match. */
function selectElement(
  list: readonly ScimValue[],
  filter: ValueFilter,
): Record<string, ScimValue> | undefined {
  let first: Record<string, ScimValue> | undefined;
  for (const element of list) {
    if (!matchesValueFilter(element, filter)) continue;
    const record = element as Record<string, ScimValue>;
    if (getCaseInsensitive(record, 'primary') === true) return record;
    first ??= record;
  }
  return first;
}

/**
 * Compiles a reader for a resolved path. Names are matched without regard to case and only
 * own properties are ever read, so `[constructor]` or `[__proto__]` cannot reach the prototype.
 * `attr.sub` on a multi-valued attribute yields the list of the elements' sub-attribute values
 * (as a SCIM filter would see it); a value path yields the selected element's value.
 */
export function createAttributeReader(path: ResolvedPath): AttributeReader {
  const { extension, attribute, filter, subAttribute } = path;
  return (resource) => {
    const container = extension === undefined ? resource : getCaseInsensitive<ScimValue>(resource, extension);
    if (!isRecord(container)) return undefined;
    const value = getCaseInsensitive<ScimValue>(container, attribute);
    if (value === undefined || value === null) return value ?? undefined;
    if (filter) {
      if (!Array.isArray(value)) return undefined;
      const element = selectElement(value, filter);
      if (!element) return undefined;
      return subAttribute === undefined ? element : getCaseInsensitive<ScimValue>(element, subAttribute);
    }
    if (subAttribute === undefined) return value;
    if (Array.isArray(value)) {
      const values: ScimValue[] = [];
      for (const element of value) {
        const sub = isRecord(element) ? getCaseInsensitive<ScimValue>(element, subAttribute) : undefined;
        if (sub !== undefined && sub !== null) values.push(sub);
      }
      return values.length > 0 ? values : undefined;
    }
    return isRecord(value) ? getCaseInsensitive<ScimValue>(value, subAttribute) : undefined;
  };
}
