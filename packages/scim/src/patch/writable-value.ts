import type { AttributeDefinition } from '../schema/attribute-definition.js';
import { isUnassigned } from './attribute-value-equality.js';
import { isComplexValue, type ComplexValue } from './complex-value.js';
import { findSubAttribute } from './sub-attributes.js';

/**
 * The part of an attribute value a client can write: a complex value (or each element of a
 * multi-valued one) without its readOnly and unassigned sub-attributes. The diff compares and
 * sends only this, so `manager.displayName`, which the service provider derives, neither
 * produces operations nor makes the patch fail with `mutability`. Returns the input itself
 * when nothing is dropped.
 */
export function writableValue(definition: AttributeDefinition, value: unknown): unknown {
  if (definition.type !== 'complex' || value === undefined || value === null) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const elements: unknown[] = [];
    for (const element of value) {
      const writable = writableElement(definition, element);
      if (writable !== element) changed = true;
      if (isUnassigned(writable)) {
        changed = true;
        continue;
      }
      elements.push(writable);
    }
    return changed ? elements : value;
  }
  return writableElement(definition, value);
}

function writableElement(definition: AttributeDefinition, element: unknown): unknown {
  if (!isComplexValue(element)) return element;
  let result: ComplexValue | undefined;
  for (const key of Object.keys(element)) {
    const sub = findSubAttribute(definition, key);
    if (sub?.mutability !== 'readOnly' && !isUnassigned(element[key])) continue;
    result ??= { ...element };
    delete result[key];
  }
  return result ?? element;
}
