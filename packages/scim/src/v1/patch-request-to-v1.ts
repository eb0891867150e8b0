import { isScimError, ScimError } from '../errors/scim-error.js';
import type { PatchOperation } from '../patch/patch-operation.js';
import { findKeyCaseInsensitive, getCaseInsensitive } from '../resource/case-insensitive.js';
import type { ScimResource, ScimValue } from '../resource/scim-resource.js';
import type { AttributePath } from '../schema/attribute-path.js';
import { ENTERPRISE_USER_SCHEMA } from '../schema/urns.js';
import { cloneValue, isPlainObject } from './attribute-value-mapping.js';
import { identityConditions, matchesConditions } from './multi-valued-entries.js';
import { readV1ExpressiblePatchPath, type EqualityCondition } from './v1-expressible-patch-path.js';
import { V1PatchBodyBuilder, type ScimV1PatchBody } from './v1-patch-body-builder.js';
import { isSchemaUrnKey, isV2CoreSchema } from './v1-schema-urns.js';

export interface PatchToV1Options {
  /**
   * The target's current resource, in 2.0 form. Without it, only filters that pick values by
   * `value` (and `type`) for removal can be sent; with it, any filter of `eq` comparisons is
   * resolved to concrete values and the attribute is sent in full.
   */
  readonly currentResource?: ScimResource;
}

type OpName = PatchOperation['op'];

/** Top-level members of a path-less value that are not attributes to change. */
const NOT_ATTRIBUTES = new Set(['schemas', 'id', 'meta']);

function writeAttribute(builder: V1PatchBodyBuilder, op: OpName, path: AttributePath, value: unknown): void {
  if (value === undefined) throw ScimError.invalidValue(`"${op}" needs a value.`);
  const scimValue = value as ScimValue;
  if (path.subAttribute === undefined && builder.isMultiValued(path, value)) {
    const values = value === null ? [] : Array.isArray(scimValue) ? scimValue : [scimValue];
    if (op === 'replace') builder.replaceValues(path, values);
    else builder.addValues(path, values);
    return;
  }
  builder.set(path, scimValue); // on a single value, add and replace both set it
}

function writeAttributes(
  builder: V1PatchBodyBuilder,
  op: OpName,
  schema: string | undefined,
  value: unknown,
): void {
  if (!isPlainObject(value)) {
    throw ScimError.invalidValue(`"${op}" without a path needs an object of attributes as its value.`);
  }
  for (const [key, attributeValue] of Object.entries(value)) {
    if (schema === undefined && NOT_ATTRIBUTES.has(key.toLowerCase())) continue;
    if (schema === undefined && isSchemaUrnKey(key)) {
      writeAttributes(builder, op, isV2CoreSchema(key) ? undefined : key, attributeValue);
      continue;
    }
    writeAttribute(
      builder,
      op,
      { ...(schema !== undefined ? { schema } : {}), attribute: key },
      attributeValue,
    );
  }
}

/** A path naming a whole extension (`urn:…:enterprise:2.0:User`) rather than one of its attributes. */
function extensionNamedBy(text: string, current: ScimResource | undefined): string | undefined {
  if (text.toLowerCase() === ENTERPRISE_USER_SCHEMA.toLowerCase()) return ENTERPRISE_USER_SCHEMA;
  const key = current && isSchemaUrnKey(text) ? findKeyCaseInsensitive(current, text) : undefined;
  return key !== undefined && isPlainObject(current![key]) ? key : undefined;
}

function removeExtension(
  builder: V1PatchBodyBuilder,
  schema: string,
  current: ScimResource | undefined,
): void {
  const extension = current ? getCaseInsensitive(current, schema) : undefined;
  if (!isPlainObject(extension)) {
    throw ScimError.invalidPath(
      "SCIM 1.1 can only clear named attributes; pass the current resource so the extension's attributes can be listed.",
    );
  }
  for (const attribute of Object.keys(extension)) builder.clear({ schema, attribute });
}

/** Removal by `value` (and `type`) is what a 1.1 `"operation": "delete"` value does by itself. */
function isDeleteByValue(conditions: readonly EqualityCondition[]): boolean {
  const names = conditions.map((condition) => condition.attribute.toLowerCase());
  return names.includes('value') && names.every((name) => name === 'value' || name === 'type');
}

/**
 * Applies a filtered operation to the attribute's complete values (current resource plus the
 * changes so far) and sends the result in full. Like a 2.0 service, a filter that matches
 * nothing is `noTarget` rather than a silent no-op.
 */
function rewriteFiltered(
  builder: V1PatchBodyBuilder,
  op: OpName,
  path: AttributePath,
  conditions: readonly EqualityCondition[],
  subAttribute: string | undefined,
  value: unknown,
): void {
  const entries = builder.materialise(path);
  const matched = entries.filter((entry) => matchesConditions(entry, conditions));
  if (matched.length === 0) {
    throw ScimError.noTarget(
      `the value filter matches no value of "${path.attribute}" in the current resource.`,
    );
  }
  if (op !== 'remove' && value === undefined) throw ScimError.invalidValue(`"${op}" needs a value.`);
  const result: ScimValue[] = [];
  for (const entry of entries) {
    if (!matched.includes(entry)) {
      result.push(entry);
    } else if (op === 'remove' && subAttribute === undefined) {
      continue;
    } else if (!isPlainObject(entry)) {
      throw ScimError.invalidPath(
        `"${path.attribute}" holds simple values, which have no sub-attributes to change.`,
      );
    } else if (subAttribute !== undefined) {
      const updated: Record<string, ScimValue> = { ...(entry as Record<string, ScimValue>) };
      const key = findKeyCaseInsensitive(updated, subAttribute) ?? subAttribute;
      if (op === 'remove') delete updated[key];
      else updated[key] = cloneValue(value);
      result.push(updated);
    } else if (!isPlainObject(value)) {
      throw ScimError.invalidValue(
        `"${op}" of "${path.attribute}" values selected by a filter needs an object value.`,
      );
    } else {
      const replacement = cloneValue(value) as Record<string, ScimValue>;
      result.push(op === 'add' ? { ...(entry as Record<string, ScimValue>), ...replacement } : replacement);
    }
  }
  builder.replaceValues(path, result);
}

function applyOperation(
  builder: V1PatchBodyBuilder,
  operation: PatchOperation,
  current: ScimResource | undefined,
): void {
  const op = String(operation.op).toLowerCase() as OpName;
  if (op !== 'add' && op !== 'remove' && op !== 'replace') {
    throw ScimError.invalidValue(
      `"${String(operation.op)}" is not a PATCH operation; expected add, remove or replace.`,
    );
  }
  const text = operation.path?.trim() ?? '';
  if (text === '') {
    if (op === 'remove') throw ScimError.noTarget('a remove needs a path naming what to remove.');
    return writeAttributes(builder, op, undefined, operation.value);
  }
  const extension = extensionNamedBy(text, current);
  if (extension !== undefined) {
    if (op === 'remove') return removeExtension(builder, extension, current);
    return writeAttributes(builder, op, extension, operation.value);
  }
  const target = readV1ExpressiblePatchPath(text);
  if (target.kind === 'unsupported') throw ScimError.invalidPath(`${target.reason}.`);
  if (target.kind === 'attribute') {
    const { path } = target;
    if (op !== 'remove') return writeAttribute(builder, op, path, operation.value);
    if (operation.value === undefined || operation.value === null || path.subAttribute !== undefined) {
      return builder.clear(path);
    }
    // `remove members` with a value list (as Entra ID sends it) removes just those values
    const values = Array.isArray(operation.value) ? operation.value : [operation.value];
    const conditionSets = values.map(identityConditions);
    if (conditionSets.some((conditions) => conditions.length === 0)) {
      throw ScimError.invalidValue(`the values to remove from "${path.attribute}" must each name a "value".`);
    }
    return builder.deleteValues(path, conditionSets);
  }
  const { path, conditions, subAttribute } = target;
  if (op === 'remove' && subAttribute === undefined && isDeleteByValue(conditions)) {
    return builder.deleteValues(path, [conditions]);
  }
  if (!current) {
    throw ScimError.invalidPath(
      `SCIM 1.1 can only remove values it is given by "value" (and "type"); pass the current resource ` +
        `(options.currentResource) so the filter can be resolved and "${path.attribute}" sent in full, or update with GET + PUT.`,
    );
  }
  rewriteFiltered(builder, op, path, conditions, subAttribute, operation.value);
}

/**
 * Turns 2.0 PATCH operations into one SCIM 1.1 PATCH body for a 1.1 target, with the same
 * effect: single values and sub-attributes set, multi-valued values added or (with
 * `"operation": "delete"`) removed, removals and full replacements through `meta.attributes`.
 *
 * What 1.1 cannot say is refused with a ScimError naming the operation (`invalidPath` for a
 * value filter other than `value eq` removal when no current resource is given, `noTarget`
 * for a remove without a path): the caller then falls back to GET + PUT, which every 1.1
 * service supports.
 */
export function patchRequestToV1(
  operations: readonly PatchOperation[],
  options: PatchToV1Options = {},
): ScimV1PatchBody {
  const builder = new V1PatchBodyBuilder(options.currentResource);
  operations.forEach((operation, index) => {
    try {
      applyOperation(builder, operation, options.currentResource);
    } catch (error) {
      if (!isScimError(error)) throw error;
      const described = operation.path ? `${operation.op} "${operation.path}"` : String(operation.op);
      throw new ScimError(
        error.status,
        error.scimType,
        `Operation ${index + 1} (${described}) cannot be sent to a SCIM 1.1 service: ${error.detail}`,
      );
    }
  });
  return builder.build();
}
