import { ScimError } from '../errors/scim-error.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import { COMMON_ATTRIBUTES } from '../schema/common-attributes.js';
import type { SchemaRegistry, SchemaScope } from '../schema/schema-registry.js';
import { assertSingleValue } from './assert-attribute-value.js';
import { findKeyCaseInsensitive, getCaseInsensitive } from './case-insensitive.js';
import { coerceSingleValue } from './coerce-attribute-value.js';
import type { ScimResource } from './scim-resource.js';

export interface ValidateResourceOptions {
  readonly registry: SchemaRegistry;
  /** The resource type's schemas, from `registry.scopeOf(name)`. */
  readonly scope: SchemaScope;
  /** `create` for POST, `replace` for PUT. */
  readonly mode: 'create' | 'replace';
  /**
   * What to do with attributes no schema in scope defines. `ignore` (default) drops them: RFC
   * 7644 lets a service provider ignore attributes it does not support, and clients commonly
   * send extra ones (Okta, Entra). `reject` answers `invalidValue` naming the attribute, for
   * strict servers and tests.
   */
  readonly unknownAttributes?: 'ignore' | 'reject';
  /**
   * For `replace`: the stored resource. Immutable attributes that already have a value must
   * keep it (RFC 7644 §3.5.1); a different value is a `mutability` error.
   */
  readonly existing?: ScimResource;
  /** Told about each attribute that was dropped, for logs: unknown, or readOnly input. */
  readonly onIgnoredAttribute?: (path: string, reason: 'unknown' | 'readOnly') => void;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function findDefinition(
  definitions: readonly AttributeDefinition[],
  name: string,
): AttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return definitions.find((d) => d.name.toLowerCase() === lower);
}

/** A value that counts as "no value" for required checks (RFC 7643 §2.5; userName must be non-empty). */
const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** JSON text with sorted keys, to compare two values regardless of key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

class ResourceCleaner {
  constructor(private readonly options: ValidateResourceOptions) {}

  /** Drops or rejects an attribute no schema defines. */
  unknown(path: string): undefined {
    if (this.options.unknownAttributes === 'reject') {
      throw ScimError.invalidValue(
        `Attribute "${path}" is not defined by any schema of this resource type; remove it.`,
      );
    }
    this.options.onIgnoredAttribute?.(path, 'unknown');
    return undefined;
  }

  /**
   * Cleans the attributes of one object (the resource, an extension object or a complex
   * value): names spelled as the schema spells them, readOnly and unknown ones dropped,
   * values type-checked, required ones present.
   */
  object(
    input: Json,
    definitions: readonly AttributeDefinition[],
    prefix: string,
    skip: (key: string) => boolean = () => false,
  ): Json {
    const output: Json = {};
    const seen = new Map<string, string>();
    for (const [key, value] of Object.entries(input)) {
      if (skip(key)) continue;
      const path = prefix + key;
      const definition = findDefinition(definitions, key);
      if (!definition) {
        this.unknown(path);
        continue;
      }
      const earlier = seen.get(definition.name);
      if (earlier !== undefined) {
        throw ScimError.invalidValue(
          `Attributes "${prefix}${earlier}" and "${path}" are the same attribute (names are case-insensitive); send it once.`,
        );
      }
      seen.set(definition.name, key);
      if (definition.mutability === 'readOnly') {
        if (value !== null && value !== undefined) this.options.onIgnoredAttribute?.(path, 'readOnly');
        continue;
      }
      const cleaned = this.attribute(definition, value, prefix + definition.name);
      if (cleaned !== undefined) output[definition.name] = cleaned;
    }
    for (const definition of definitions) {
      if (definition.required && definition.mutability !== 'readOnly' && isEmpty(output[definition.name])) {
        throw ScimError.invalidValue(`Attribute "${prefix}${definition.name}" is required and has no value.`);
      }
    }
    return output;
  }

  /** One attribute's value; undefined when it carries no value (null means unassigned). */
  attribute(definition: AttributeDefinition, value: unknown, path: string): unknown {
    if (value === null || value === undefined) return undefined;
    if (!definition.multiValued) {
      if (Array.isArray(value))
        throw ScimError.invalidValue(`Attribute "${path}" is single-valued, but got an array.`);
      return this.single(definition, value, path);
    }
    if (!Array.isArray(value)) {
      throw ScimError.invalidValue(`Attribute "${path}" is multi-valued and expects an array of values.`);
    }
    // Paths keep the client's own index, so an error points at the value it sent.
    const items = value.flatMap((item: unknown, index) =>
      item === null ? [] : [this.single(definition, item, `${path}[${index}]`)],
    );
    if (definition.type === 'complex') {
      const primaries = items.filter((item) => isObject(item) && item.primary === true).length;
      if (primaries > 1) {
        throw ScimError.invalidValue(
          `Attribute "${path}" has ${primaries} values marked primary; at most one may be (RFC 7643 §2.4).`,
        );
      }
    }
    return items;
  }

  private single(definition: AttributeDefinition, value: unknown, path: string): unknown {
    const coerced = coerceSingleValue(definition, value);
    assertSingleValue(definition, coerced, path);
    if (definition.type !== 'complex') return coerced;
    return this.object(coerced as Json, definition.subAttributes ?? [], `${path}.`);
  }
}

function checkImmutable(
  definitions: readonly AttributeDefinition[],
  input: Json,
  existing: Json | undefined,
  prefix: string,
): void {
  if (!existing) return;
  for (const definition of definitions) {
    if (definition.mutability !== 'immutable') continue;
    const key = findKeyCaseInsensitive(existing, definition.name);
    const before = key === undefined ? undefined : existing[key];
    if (isEmpty(before) || !(definition.name in input)) continue;
    if (canonicalJson(before) !== canonicalJson(input[definition.name])) {
      throw ScimError.mutability(
        `Attribute "${prefix}${definition.name}" is immutable and already set; it cannot be changed.`,
      );
    }
  }
}

/** URNs, like attribute names, compare without case. */
const sameUrn = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The `schemas` list the client sent (empty when it sent none), each URN checked against the scope. */
function readSchemasList(resource: Json, scope: SchemaScope, cleaner: ResourceCleaner): string[] {
  const listed: unknown = resource.schemas;
  if (listed === undefined) return [];
  if (!Array.isArray(listed) || listed.some((urn) => typeof urn !== 'string')) {
    throw ScimError.invalidValue('Attribute "schemas" must be an array of schema URNs.');
  }
  const urns = listed as string[];
  for (const urn of urns) {
    if (![scope.core, ...scope.extensions].some((u) => sameUrn(u, urn))) cleaner.unknown(`schemas: ${urn}`);
  }
  if (urns.length > 0 && !urns.some((urn) => sameUrn(urn, scope.core))) {
    throw ScimError.invalidValue(`Attribute "schemas" must contain the core schema "${scope.core}".`);
  }
  return urns;
}

/**
 * Validates and cleans a resource sent for create (POST) or replace (PUT), per RFC 7643 and
 * RFC 7644 §3.3 / §3.5.1:
 * - every known attribute is type-checked (sub-attributes too), with the lenient string-boolean
 *   coercion of `coerceSingleValue`; names come back spelled as the schema spells them;
 * - `id`, `meta` and every other readOnly attribute sent by the client is dropped;
 * - required attributes (of the core schema, of each extension present, and of required
 *   extensions) must have a value; at most one value of a multi-valued attribute is primary;
 * - extension attributes are read under their schema URN key; `schemas` is rebuilt from the
 *   core schema and the extensions that carry data or were listed;
 * - unknown attributes are dropped, or rejected with `unknownAttributes: 'reject'`.
 * Errors are ScimErrors whose detail names the attribute path, e.g. `emails[1].primary`.
 */
export function validateResource(resource: unknown, options: ValidateResourceOptions): ScimResource {
  if (!isObject(resource)) {
    throw ScimError.invalidSyntax('The request body must be a JSON object holding one resource.');
  }
  const { registry, scope, existing } = options;
  const replacing = options.mode === 'replace';
  const core = registry.getSchema(scope.core);
  if (!core) throw ScimError.invalidValue(`Schema "${scope.core}" is not registered.`);
  const cleaner = new ResourceCleaner(options);
  const listed = readSchemasList(resource, scope, cleaner);

  const extensionKeyOf = (urn: string) => Object.keys(resource).find((key) => sameUrn(key, urn));
  const isExtensionKey = (key: string) => scope.extensions.some((urn) => sameUrn(urn, key));
  const coreDefinitions = [...COMMON_ATTRIBUTES, ...core.attributes];
  const output = cleaner.object(
    resource,
    coreDefinitions,
    '',
    (key) => sameUrn(key, 'schemas') || isExtensionKey(key),
  );
  if (replacing) checkImmutable(coreDefinitions, output, existing, '');

  const resourceType = registry.resourceTypes().find((rt) => sameUrn(rt.schema, scope.core));
  const schemas = [core.id];
  for (const urn of scope.extensions) {
    const schema = registry.getSchema(urn);
    if (!schema) throw ScimError.invalidValue(`Schema "${urn}" is not registered.`);
    const key = extensionKeyOf(urn);
    const value = key === undefined ? undefined : resource[key];
    const wasListed = listed.some((u) => sameUrn(u, urn));
    if (value === undefined || value === null) {
      if (resourceType?.schemaExtensions.find((e) => sameUrn(e.schema, urn))?.required) {
        throw ScimError.invalidValue(`Extension "${urn}" is required for this resource type and is missing.`);
      }
      if (wasListed) schemas.push(schema.id);
      continue;
    }
    if (!isObject(value))
      throw ScimError.invalidValue(`Extension "${urn}" must be an object holding its attributes.`);
    const cleaned = cleaner.object(value, schema.attributes, `${schema.id}:`);
    if (replacing && existing) {
      const stored = getCaseInsensitive(existing, schema.id);
      checkImmutable(schema.attributes, cleaned, isObject(stored) ? stored : undefined, `${schema.id}:`);
    }
    const hasData = Object.keys(cleaned).length > 0;
    if (hasData) output[schema.id] = cleaned;
    if (hasData || wasListed) schemas.push(schema.id);
  }
  return { schemas, ...output } as ScimResource;
}
