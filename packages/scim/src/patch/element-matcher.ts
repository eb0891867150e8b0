import { getCaseInsensitive } from '../resource/case-insensitive.js';
import type { FilterNode } from '../filter/filter-ast.js';
import { compileElementFilter } from '../filter/index.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import { singleValuesEqual } from './attribute-value-equality.js';
import { isComplexValue } from './complex-value.js';
import { valueSubAttribute } from './sub-attributes.js';

/** Tests one value of a multi-valued attribute against a value filter. */
export type ElementMatcher = (element: unknown) => boolean;

const simpleWrappers = new WeakMap<AttributeDefinition, AttributeDefinition>();

/**
 * A simple multi-valued attribute (`tags: ["a","b"]`) seen as complex values with one `value`
 * sub-attribute, which is how RFC 7644 §3.10 lets filters name its values (`tags[value eq "a"]`).
 */
function asComplexWithValue(definition: AttributeDefinition): AttributeDefinition {
  let wrapper = simpleWrappers.get(definition);
  if (!wrapper) {
    wrapper = {
      ...definition,
      type: 'complex',
      subAttributes: [{ ...definition, name: 'value', multiValued: false }],
    };
    simpleWrappers.set(definition, wrapper);
  }
  return wrapper;
}

/**
 * Compiles a value filter once for all the elements of one operation. `value eq <literal>` —
 * what member removal sends, hundreds of times per request — is answered directly by the
 * schema's equality; everything else goes through the filter module's schema-aware evaluator.
 * Values of a simple multi-valued attribute are matched as `{ value: element }`.
 */
export function compileElementMatcher(definition: AttributeDefinition, filter: FilterNode): ElementMatcher {
  const simple = definition.type !== 'complex';
  if (
    filter.kind === 'comparison' &&
    filter.operator === 'eq' &&
    filter.value !== null &&
    isValueName(filter)
  ) {
    const valueDefinition = simple ? definition : valueSubAttribute(definition);
    if (valueDefinition && (simple || !valueDefinition.multiValued)) {
      const test = equalsLiteral(valueDefinition, filter.value);
      if (simple) return test;
      return (element) => {
        if (!isComplexValue(element)) return false;
        return test('value' in element ? element.value : getCaseInsensitive(element, 'value'));
      };
    }
  }
  if (simple) {
    const predicate = compileElementFilter(filter, asComplexWithValue(definition));
    return (element) => predicate({ value: element });
  }
  const predicate = compileElementFilter(filter, definition);
  return (element) => isComplexValue(element) && predicate(element);
}

/**
 * `value eq literal` by the schema's equality, specialised once: it runs for every element of
 * a member list for every member an operation removes.
 */
function equalsLiteral(definition: AttributeDefinition, literal: string | number | boolean): ElementMatcher {
  if (typeof literal !== 'string') return (value) => value === literal;
  if (definition.type === 'dateTime') return (value) => singleValuesEqual(definition, value, literal);
  if (definition.caseExact) return (value) => value === literal;
  const lower = literal.toLowerCase();
  return (value) => typeof value === 'string' && (value === literal || value.toLowerCase() === lower);
}

function isValueName(filter: {
  path: { schema?: string; attribute: string; subAttribute?: string };
}): boolean {
  return (
    filter.path.schema === undefined &&
    filter.path.subAttribute === undefined &&
    filter.path.attribute.toLowerCase() === 'value'
  );
}
