import type { AttributeDefinition } from '../schema/attribute-definition.js';
import type { AttributePath } from '../schema/attribute-path.js';
import type { SchemaRegistry, SchemaScope } from '../schema/schema-registry.js';
import { extensionReader, memberReader, untypedReader, type AttributeReader } from './attribute-values.js';

/** A filter path resolved once, at compile time: how to read it and, when typed, what it is. */
export interface ResolvedPath {
  readonly read: AttributeReader;
  /** The sub-attribute to take from each complex value (the schema's spelling when typed). */
  readonly subAttribute?: string;
  /** The attribute's definition; absent for data without a schema. */
  readonly definition?: AttributeDefinition;
  /** The sub-attribute's definition when the path named one. */
  readonly subDefinition?: AttributeDefinition;
}

/**
 * `schemas` is on every resource but in no schema's attribute list; RFC 7644 §3.4.2.2 filters
 * on it (`schemas eq "urn:…:enterprise:2.0:User"`). URNs compare case-insensitively, as the
 * registry looks them up.
 */
const SCHEMAS_ATTRIBUTE: AttributeDefinition = {
  name: 'schemas',
  type: 'reference',
  referenceTypes: ['uri'],
  multiValued: true,
  required: true,
  caseExact: false,
  mutability: 'readOnly',
  returned: 'always',
  uniqueness: 'none',
};

/** The scope (core schema or extension) and registry that resolve a top-level path; none = untyped. */
export function resolveTopLevel(
  path: AttributePath,
  context: { readonly registry: SchemaRegistry; readonly scope: SchemaScope } | undefined,
): ResolvedPath | undefined {
  if (!context) return { read: untypedReader(path), subAttribute: path.subAttribute };
  const resolved = context.registry.resolve(path, context.scope);
  if (!resolved) return resolveSchemasAttribute(path, context.scope);
  const { definition, subDefinition } = resolved;
  return {
    read: resolved.inExtension
      ? extensionReader(resolved.schema, definition.name)
      : memberReader(definition.name),
    subAttribute: subDefinition?.name,
    definition,
    subDefinition,
  };
}

function resolveSchemasAttribute(path: AttributePath, scope: SchemaScope): ResolvedPath | undefined {
  if (path.subAttribute !== undefined || path.attribute.toLowerCase() !== 'schemas') return undefined;
  if (path.schema !== undefined && path.schema.toLowerCase() !== scope.core.toLowerCase()) return undefined;
  return { read: memberReader('schemas'), definition: SCHEMAS_ATTRIBUTE };
}
