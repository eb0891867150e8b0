import type { ObjectType } from '@idsync/core';
import type { AttributePath, FilterNode, SchemaRegistry, SchemaScope } from '@idsync/scim';

/** Attributes the connector does not report (see `toCanonical`), so a filter on them cannot be checked here. */
const UNREPORTED: Readonly<Record<ObjectType, ReadonlySet<string>>> = {
  User: new Set(['password']),
  Group: new Set(['members']),
};

function known(path: AttributePath, type: ObjectType, registry: SchemaRegistry, scope: SchemaScope): boolean {
  if (UNREPORTED[type].has(path.attribute.toLowerCase())) return false;
  if (path.attribute.toLowerCase() === 'schemas' && path.subAttribute === undefined) return true;
  return registry.resolve(path, scope) !== undefined;
}

/**
 * Whether the connector can tell, from the resources a combined look-up returns, which of
 * them this filter matches, exactly as the target would: every attribute it names is in the
 * schemas (so case-sensitivity and types are known) and is part of what the connector
 * reports. A filter on an unknown extension attribute would match nothing locally — and a
 * look-up that wrongly finds nothing can lead to a duplicate — so such filters go alone.
 */
export function isLocallyEvaluable(
  filter: FilterNode,
  type: ObjectType,
  registry: SchemaRegistry,
  scope: SchemaScope,
  parent?: AttributePath,
): boolean {
  switch (filter.kind) {
    case 'comparison':
    case 'present': {
      const path = parent
        ? {
            ...(parent.schema ? { schema: parent.schema } : {}),
            attribute: parent.attribute,
            subAttribute: filter.path.attribute,
          }
        : filter.path;
      return known(path, type, registry, scope);
    }
    case 'and':
    case 'or':
      return (
        isLocallyEvaluable(filter.left, type, registry, scope, parent) &&
        isLocallyEvaluable(filter.right, type, registry, scope, parent)
      );
    case 'not':
      return isLocallyEvaluable(filter.filter, type, registry, scope, parent);
    case 'valuePath':
      return (
        known(filter.path, type, registry, scope) &&
        isLocallyEvaluable(filter.filter, type, registry, scope, filter.path)
      );
  }
}
