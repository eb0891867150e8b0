import { formatPatchPath } from '../filter/index.js';
import { getCaseInsensitive } from '../resource/case-insensitive.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import { COMMON_ATTRIBUTES } from '../schema/common-attributes.js';
import { isUnassigned } from './attribute-value-equality.js';
import { isComplexValue } from './complex-value.js';
import { diffMultiValued } from './diff-multi-valued.js';
import type { DiffOptions } from './diff-options.js';
import { jsonEqual, sameElements } from './json-equal.js';
import type { PatchOperation } from './patch-operation.js';
import { writableValue } from './writable-value.js';

/**
 * The PATCH operations (RFC 7644 §3.5.2) that turn resource `from` into `to`, for a client
 * keeping a target in step: `applyPatch(from, diffResources(from, to))` gives `to`, readOnly
 * parts aside. Only attributes that differ produce operations:
 * - a cleared attribute is a `remove` with its path (an omitted attribute would be kept);
 * - a single-valued complex attribute present on both sides changes sub-attribute by
 *   sub-attribute (`name.givenName`), so values the target holds elsewhere are not resent;
 * - a multi-valued attribute changes value by value or is replaced whole (see `diffMultiValued`);
 * - extension attributes use URN-qualified paths (`urn:…:enterprise:2.0:User:department`).
 * readOnly attributes and sub-attributes (id, meta, groups, manager.displayName) are skipped,
 * as are attributes no schema in scope defines: a PATCH could not set them.
 */
export function diffResources(from: object, to: object, options: DiffOptions): PatchOperation[] {
  const operations: PatchOperation[] = [];
  const core = options.registry.getSchema(options.scope.core);
  diffAttributes(
    from,
    to,
    [...COMMON_ATTRIBUTES, ...(core?.attributes ?? [])],
    undefined,
    operations,
    options,
  );
  for (const urn of options.scope.extensions) {
    const schema = options.registry.getSchema(urn);
    if (!schema) continue;
    const fromExtension = getCaseInsensitive(from, urn);
    const toExtension = getCaseInsensitive(to, urn);
    diffAttributes(
      isComplexValue(fromExtension) ? fromExtension : {},
      isComplexValue(toExtension) ? toExtension : {},
      schema.attributes,
      schema.id,
      operations,
      options,
    );
  }
  return operations;
}

function diffAttributes(
  from: object,
  to: object,
  attributes: readonly AttributeDefinition[],
  schema: string | undefined,
  operations: PatchOperation[],
  options: DiffOptions,
): void {
  const readFrom = memberReader(from);
  const readTo = memberReader(to);
  for (const definition of attributes) {
    if (definition.mutability === 'readOnly') continue;
    const rawBefore = readFrom(definition.name);
    const rawAfter = readTo(definition.name);
    if (rawBefore === undefined && rawAfter === undefined) continue;
    const before = writableValue(definition, rawBefore);
    const after = writableValue(definition, rawAfter);
    const path = (): string =>
      formatPatchPath({ attribute: { ...(schema ? { schema } : {}), attribute: definition.name } });
    if (isUnassigned(after)) {
      if (!isUnassigned(before)) operations.push({ op: 'remove', path: path() });
      continue;
    }
    if (isUnassigned(before)) {
      operations.push({ op: 'add', path: path(), value: after });
      continue;
    }
    if (definition.multiValued && Array.isArray(before) && Array.isArray(after)) {
      if (!sameElements(before, after))
        operations.push(...diffMultiValued(definition, schema, before, after, options));
    } else if (definition.type === 'complex' && isComplexValue(before) && isComplexValue(after)) {
      diffSubAttributes(definition, schema, before, after, operations);
    } else if (!jsonEqual(before, after)) {
      operations.push({ op: 'replace', path: path(), value: after });
    }
  }
}

/**
 * Case-insensitive member lookup with the keys indexed once: the diff asks for every attribute
 * of the schema, most of them absent, and a scan of all keys per miss would dominate.
 */
function memberReader(object: object): (name: string) => unknown {
  const record = object as Record<string, unknown>;
  const keys = new Map<string, string>();
  for (const key of Object.keys(record)) keys.set(key.toLowerCase(), key);
  return (name) => {
    if (Object.prototype.hasOwnProperty.call(record, name)) return record[name];
    const key = keys.get(name.toLowerCase());
    return key === undefined ? undefined : record[key];
  };
}

/** `name.givenName`-level operations for a single-valued complex attribute present on both sides. */
function diffSubAttributes(
  definition: AttributeDefinition,
  schema: string | undefined,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  operations: PatchOperation[],
): void {
  for (const sub of definition.subAttributes ?? []) {
    if (sub.mutability === 'readOnly') continue;
    const from = getCaseInsensitive(before, sub.name);
    const to = getCaseInsensitive(after, sub.name);
    const path = (): string =>
      formatPatchPath({
        attribute: { ...(schema ? { schema } : {}), attribute: definition.name, subAttribute: sub.name },
      });
    if (isUnassigned(to)) {
      if (!isUnassigned(from)) operations.push({ op: 'remove', path: path() });
    } else if (isUnassigned(from)) {
      operations.push({ op: 'add', path: path(), value: to });
    } else if (
      sub.multiValued && Array.isArray(from) && Array.isArray(to)
        ? !sameElements(from, to)
        : !jsonEqual(from, to)
    ) {
      operations.push({ op: 'replace', path: path(), value: to });
    }
  }
}
