import type { FilterNode } from '../filter/filter-ast.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import type { ComplexValue } from './complex-value.js';
import { findSubAttribute } from './sub-attributes.js';

/**
 * The element a value filter describes when it is nothing but `sub eq literal` comparisons
 * joined by `and` — `emails[type eq "work"]` describes `{ "type": "work" }` — or undefined for
 * any other filter. It lets `add emails[type eq "work"].value` create the work e-mail when the
 * user has none, which is how Entra ID adds values (RFC 7644 errata 8097 discusses this
 * reading). Conflicting comparisons (`type eq "a" and type eq "b"`) describe nothing.
 */
export function elementFromEqualityFilter(
  definition: AttributeDefinition,
  filter: FilterNode,
): ComplexValue | undefined {
  if (definition.type !== 'complex') return undefined;
  const element: ComplexValue = {};
  const pending: FilterNode[] = [filter];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.kind === 'and') {
      pending.push(node.left, node.right);
      continue;
    }
    if (node.kind !== 'comparison' || node.operator !== 'eq' || node.value === null) return undefined;
    if (node.path.schema !== undefined || node.path.subAttribute !== undefined) return undefined;
    const sub = findSubAttribute(definition, node.path.attribute);
    if (!sub || sub.multiValued) return undefined;
    if (sub.name in element && element[sub.name] !== node.value) return undefined;
    element[sub.name] = node.value;
  }
  return element;
}
