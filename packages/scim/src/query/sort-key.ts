import { getCaseInsensitive } from '../resource/case-insensitive.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import type { ResolvedAttribute } from '../schema/schema-registry.js';

/**
 * A value reduced to something that orders correctly for its SCIM type: text (lower-cased
 * unless the attribute is case exact), a number, or a dateTime as milliseconds plus the
 * nanoseconds a JavaScript Date cannot hold. Undefined means "no data" for sorting.
 */
export type SortKey =
  { readonly text: string } | { readonly number: number } | { readonly ms: number; readonly nanos: number };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** `YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm]`; without a zone the time is read as UTC. */
const DATE_TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$/i;

function dateTimeKey(value: string): SortKey | undefined {
  const match = DATE_TIME.exec(value.trim());
  if (!match) return undefined;
  const [, base, fraction = '', zone = 'Z'] = match;
  const ms = Date.parse(`${base}${zone.toUpperCase()}`);
  if (Number.isNaN(ms)) return undefined;
  const nanos = Number(fraction.padEnd(9, '0').slice(0, 9));
  return { ms, nanos };
}

/** The sort key of one leaf value under its definition; undefined when it has no usable value. */
export function sortKeyOf(definition: AttributeDefinition, value: unknown): SortKey | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  switch (definition.type) {
    case 'integer':
    case 'decimal': {
      const number = typeof value === 'string' ? Number(value) : value;
      return typeof number === 'number' && Number.isFinite(number) ? { number } : undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? { number: value ? 1 : 0 } : undefined;
    case 'dateTime':
      return typeof value === 'string' ? dateTimeKey(value) : undefined;
    case 'complex':
      return undefined;
    default: {
      if (typeof value === 'object') return undefined;
      const text = String(value);
      return { text: definition.caseExact ? text : text.toLowerCase() };
    }
  }
}

/**
 * RFC 7644 §3.4.2.3: a multi-valued attribute sorts by its primary value, else by its first.
 * For a complex attribute that is the first element marked primary that carries the wanted
 * sub-attribute, else the first element that carries it.
 */
function pick(values: readonly unknown[], read: (element: unknown) => unknown): unknown {
  const primary = values.find(
    (v) => isObject(v) && getCaseInsensitive(v, 'primary') === true && read(v) != null,
  );
  if (primary !== undefined) return read(primary);
  for (const value of values) {
    const candidate = read(value);
    if (candidate !== undefined && candidate !== null) return candidate;
  }
  return undefined;
}

/**
 * Reads the value a resource is sorted by. `leaf` is the definition whose type decides the
 * ordering: the sub-attribute when one was named, else `value` of a multi-valued complex
 * attribute, else the attribute itself.
 */
export function readSortValue(
  resource: object,
  resolved: ResolvedAttribute,
  leaf: AttributeDefinition,
): unknown {
  const holder = resolved.inExtension ? getCaseInsensitive(resource, resolved.schema) : resource;
  if (!isObject(holder)) return undefined;
  const value = getCaseInsensitive(holder, resolved.definition.name);
  if (value === undefined || value === null) return undefined;
  if (resolved.definition.type !== 'complex') {
    return Array.isArray(value) ? pick(value, (v) => v) : value;
  }
  const readLeaf = (element: unknown) =>
    isObject(element) ? getCaseInsensitive(element, leaf.name) : undefined;
  return Array.isArray(value) ? pick(value, readLeaf) : readLeaf(value);
}

/** Code-point order, as RFC 7644 §3.4.2.3 asks ("Unicode alphabetic sort order", no locale). */
function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const left = [...a];
  const right = [...b];
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const difference = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (difference !== 0) return difference < 0 ? -1 : 1;
  }
  return left.length === right.length ? 0 : left.length < right.length ? -1 : 1;
}

/** Ascending order of two keys; a missing key sorts after every present one. */
export function compareSortKeys(a: SortKey | undefined, b: SortKey | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if ('text' in a && 'text' in b) return compareCodePoints(a.text, b.text);
  if ('number' in a && 'number' in b) return a.number === b.number ? 0 : a.number < b.number ? -1 : 1;
  if ('ms' in a && 'ms' in b) {
    if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
    return a.nanos === b.nanos ? 0 : a.nanos < b.nanos ? -1 : 1;
  }
  return 0;
}
