import { findKeyCaseInsensitive, type ScimResource } from '@idsync/scim';
import type { MappingProvenance } from './attribute-mapping.js';
import type { CompiledMapping, CompiledMappings } from './compile-mappings.js';
import { MappingExpressionError } from './mapping-expression-error.js';
import { cloneScimValue, isEmptyValue, type MappedValue } from './mapping-value.js';
import { writeAttribute } from './write-attribute.js';

export interface ApplyMappingsOptions {
  /** True when the target object does not exist yet: `onCreateOnly` mappings apply only then. */
  readonly isCreate: boolean;
}

export interface MappingResult {
  /** The target object the rule's mappings describe; `null` values mean "clear". */
  readonly resource: ScimResource;
  /** For each mapping, keyed by its target as configured: where the value came from. */
  readonly provenance: Map<string, MappingProvenance>;
}

function valueOf(mapping: CompiledMapping, source: ScimResource, ruleId: string): MappedValue | undefined {
  try {
    return mapping.produce(source);
  } catch (error) {
    if (error instanceof MappingExpressionError) {
      throw error.withContext({
        ruleId,
        mappingNumber: mapping.mappingNumber,
        target: mapping.mapping.target,
      });
    }
    throw error;
  }
}

/**
 * Builds the target object for one source object. Each mapping computes its value; an empty
 * one (absent, null, "", []) takes `defaultIfEmpty` when there is one and is otherwise written
 * as `null`, which asks the diff stage to clear the attribute (RFC 7643 §2.5 treats all of
 * these as unassigned). `schemas` lists the core schema and every extension written to.
 * Throws the first `MappingExpressionError` an expression raises on this object's data.
 */
export function applyMappings(
  compiled: CompiledMappings,
  source: ScimResource,
  options: ApplyMappingsOptions,
): MappingResult {
  const resource: ScimResource = { schemas: [compiled.coreSchema] };
  const provenance = new Map<string, MappingProvenance>();
  const extensions: string[] = [];

  for (const mapping of compiled.mappings) {
    const base = {
      ruleId: compiled.ruleId,
      kind: mapping.mapping.kind,
      from: mapping.from,
      targetPath: mapping.target.text,
    };
    if (mapping.mapping.onCreateOnly && !options.isCreate) {
      provenance.set(mapping.mapping.target, {
        ...base,
        value: undefined,
        defaultApplied: false,
        skipped: 'onCreateOnly',
      });
      continue;
    }
    let value = valueOf(mapping, source, compiled.ruleId);
    let defaultApplied = false;
    const fallback = 'defaultIfEmpty' in mapping.mapping ? mapping.mapping.defaultIfEmpty : undefined;
    if (isEmptyValue(value) && fallback !== undefined) {
      value = cloneScimValue(fallback);
      defaultApplied = true;
    }
    const written: MappedValue = value === undefined || isEmptyValue(value) ? null : value;
    writeAttribute(resource, mapping.target, written);
    const extension = mapping.target.extension;
    if (extension !== undefined && !extensions.some((urn) => urn.toLowerCase() === extension.toLowerCase())) {
      extensions.push(findKeyCaseInsensitive(resource, extension) ?? extension);
    }
    provenance.set(mapping.mapping.target, { ...base, value: written, defaultApplied });
  }

  resource.schemas.push(...extensions);
  return { resource, provenance };
}
