import { ScimError } from '../errors/scim-error.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import type { SchemaRegistry, SchemaScope } from '../schema/schema-registry.js';
import type { SortOrder } from './list-query.js';
import { compareSortKeys, readSortValue, sortKeyOf } from './sort-key.js';

export interface SortContext {
  readonly registry: SchemaRegistry;
  readonly scope: SchemaScope;
}

/** The sort key extractor for `sortBy`, checked once so a bad parameter fails before sorting. */
function sortKeyReader(sortBy: string, context: SortContext) {
  const resolved = context.registry.resolve(sortBy, context.scope);
  if (!resolved) {
    throw ScimError.invalidValue(
      `Parameter "sortBy" names "${sortBy}", which is not an attribute of this resource type.`,
    );
  }
  let leaf: AttributeDefinition | undefined = resolved.subDefinition ?? resolved.definition;
  if (!resolved.subDefinition && resolved.definition.type === 'complex') {
    // RFC 7644 §3.4.2.3: a complex attribute must be sorted by a sub-attribute; a multi-valued
    // one by its (primary) `value`, which is what "sortBy=emails" can only mean.
    leaf = resolved.definition.multiValued
      ? resolved.definition.subAttributes?.find((s) => s.name.toLowerCase() === 'value')
      : undefined;
    if (!leaf) {
      throw ScimError.invalidValue(
        `Parameter "sortBy" names the complex attribute "${sortBy}"; name one of its sub-attributes, such as "${sortBy}.${resolved.definition.subAttributes?.[0]?.name ?? 'value'}".`,
      );
    }
  }
  const definition = leaf;
  return (resource: object) => sortKeyOf(definition, readSortValue(resource, resolved, definition));
}

/**
 * A comparator for `Array.prototype.sort` that orders resources by `sortBy` as RFC 7644
 * §3.4.2.3 says: strings without case unless the attribute is case exact (code-point order, no
 * locale), numbers and booleans by value, dateTimes as instants; a multi-valued attribute by its
 * primary value, else its first; resources without a value last when ascending and first when
 * descending. Equal values compare 0, so the (stable) sort keeps their order. An unknown
 * `sortBy`, or a complex one without a sub-attribute, is an `invalidValue` error.
 */
export function compareResources(
  sortBy: string,
  sortOrder: SortOrder | undefined,
  context: SortContext,
): (a: object, b: object) => number {
  const keyOf = sortKeyReader(sortBy, context);
  const direction = sortOrder === 'descending' ? -1 : 1;
  return (a, b) => direction * compareSortKeys(keyOf(a), keyOf(b)) || 0;
}

/**
 * Sorts a copy of `resources`, reading each sort key once: for large in-memory lists this is
 * cheaper than `compareResources`, which reads both keys on every comparison.
 */
export function sortResources<T extends object>(
  resources: readonly T[],
  sortBy: string,
  sortOrder: SortOrder | undefined,
  context: SortContext,
): T[] {
  const keyOf = sortKeyReader(sortBy, context);
  const direction = sortOrder === 'descending' ? -1 : 1;
  return resources
    .map((resource) => ({ resource, key: keyOf(resource) }))
    .sort((a, b) => direction * compareSortKeys(a.key, b.key) || 0)
    .map((entry) => entry.resource);
}
