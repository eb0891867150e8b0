import { parsePatchPath, type PatchOperation, type SchemaScope } from '@idsync/scim';

/** What one PATCH operation touches: a top-level attribute, whether a value filter narrows it, and the value. */
export interface PatchTouch {
  /** Lower-case attribute name, without the core schema URN. */
  readonly attribute: string;
  /** True for `attr[filter]` paths: the operation targets matching values only. */
  readonly filtered: boolean;
  readonly value: unknown;
}

function stripCoreUrn(name: string, scope: SchemaScope): string {
  const prefix = `${scope.core.toLowerCase()}:`;
  const lower = name.toLowerCase();
  return lower.startsWith(prefix) ? lower.slice(prefix.length) : lower;
}

/**
 * The attributes a PATCH operation touches, for vendor rules that allow only some attributes or
 * limit changes to one of them. A path-less add/replace touches each key of its value; an
 * extension attribute is reported under its full URN-qualified name.
 */
export function touchesOf(operation: PatchOperation, scope: SchemaScope): PatchTouch[] {
  if (operation.path !== undefined) {
    const path = parsePatchPath(operation.path);
    const schema = path.attribute.schema;
    const isCore = schema === undefined || schema.toLowerCase() === scope.core.toLowerCase();
    const name = isCore
      ? path.attribute.attribute.toLowerCase()
      : `${schema}:${path.attribute.attribute}`.toLowerCase();
    return [{ attribute: name, filtered: path.valueFilter !== undefined, value: operation.value }];
  }
  const value = operation.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>)
    .filter(([key]) => key.toLowerCase() !== 'schemas')
    .map(([key, subValue]) => ({
      attribute: stripCoreUrn(key, scope).split('.')[0]!,
      filtered: false,
      value: subValue,
    }));
}

/** How many values a membership operation names (a single object counts as one). */
export function valueCount(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return value === undefined || value === null ? 0 : 1;
}
