import { formatPatchPath } from '../filter/index.js';
import type { FilterLiteral } from '../filter/filter-ast.js';
import { getCaseInsensitive } from '../resource/case-insensitive.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import { multiValuedElementKey } from './attribute-value-equality.js';
import { isComplexValue } from './complex-value.js';
import type { DiffOptions } from './diff-options.js';
import { sameElements } from './json-equal.js';
import type { PatchOperation } from './patch-operation.js';
import { valueSubAttribute } from './sub-attributes.js';

/** The literal that identifies an element: itself for a simple value, its `value` for a complex one. */
function identity(definition: AttributeDefinition, element: unknown): FilterLiteral | undefined {
  const value =
    definition.type === 'complex'
      ? isComplexValue(element)
        ? getCaseInsensitive(element, 'value')
        : undefined
      : element;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : undefined;
}

interface ValueGroup {
  readonly literal: FilterLiteral;
  readonly from: unknown[];
  readonly to: unknown[];
}

/**
 * The operations that turn one multi-valued attribute's values `from` into `to` (both assigned
 * and different). Value by value when the target takes value filters and every value can be
 * named by a literal: values are grouped by what `attr[value eq "x"]` would select (the schema's
 * case rules), a changed group is removed through that filter and its new values are added in
 * one `add`. Otherwise, or when that would take more than `maxOperationsPerMultiValued`
 * operations, one `replace` with the whole new list.
 */
export function diffMultiValued(
  definition: AttributeDefinition,
  schema: string | undefined,
  from: readonly unknown[],
  to: readonly unknown[],
  options: DiffOptions,
): PatchOperation[] {
  const attributePath = { ...(schema ? { schema } : {}), attribute: definition.name };
  const replaceAll: PatchOperation[] = [
    { op: 'replace', path: formatPatchPath({ attribute: attributePath }), value: to },
  ];
  const identifiable = definition.type !== 'complex' || valueSubAttribute(definition) !== undefined;
  if (options.valuePathFilters === false || !identifiable) return replaceAll;
  const groups = new Map<string, ValueGroup>();
  for (const [side, elements] of [
    ['from', from],
    ['to', to],
  ] as const) {
    for (const element of elements) {
      const literal = identity(definition, element);
      if (literal === undefined) return replaceAll;
      const key = multiValuedElementKey(definition, element);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { literal, from: [], to: [] }));
      group[side].push(element);
    }
  }
  const operations: PatchOperation[] = [];
  const added: unknown[] = [];
  for (const group of groups.values()) {
    if (sameElements(group.from, group.to)) continue;
    if (group.from.length > 0) {
      const valueFilter = {
        kind: 'comparison' as const,
        path: { attribute: 'value' },
        operator: 'eq' as const,
        value: group.literal,
      };
      operations.push({ op: 'remove', path: formatPatchPath({ attribute: attributePath, valueFilter }) });
    }
    added.push(...group.to);
  }
  if (added.length > 0)
    operations.push({ op: 'add', path: formatPatchPath({ attribute: attributePath }), value: added });
  const limit = options.maxOperationsPerMultiValued;
  return limit !== undefined && operations.length > limit ? replaceAll : operations;
}
