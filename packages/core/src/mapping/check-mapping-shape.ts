import type { AttributeMapping } from './attribute-mapping.js';
import { didYouMean } from './closest-names.js';
import type { MappingField } from './mapping-expression-error.js';
import { isScalarOrList } from './mapping-value.js';

/** A problem with the shape of a mapping, before any path or expression is looked at. */
export interface ShapeProblem {
  readonly field: MappingField;
  readonly reason: string;
  /** The offending text, shown with a caret in the error. */
  readonly text: string;
}

const KEYS: Record<AttributeMapping['kind'], readonly string[]> = {
  direct: ['target', 'kind', 'source', 'defaultIfEmpty', 'onCreateOnly'],
  constant: ['target', 'kind', 'value', 'onCreateOnly'],
  expression: ['target', 'kind', 'expression', 'defaultIfEmpty', 'onCreateOnly'],
};
const KINDS = Object.keys(KEYS);
const ALL_KEYS = [...new Set(Object.values(KEYS).flat())];
const VALUE_RULE = 'a string, number, true, false, null or a list of strings';

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/**
 * Checks that a mapping read from configuration has the shape of `AttributeMapping`: the keys
 * its kind allows (a misspelt `defaultIfEmty` would otherwise be silently ignored), strings
 * where paths and expressions go, and values a target can hold. Returns every problem found.
 */
export function checkMappingShape(entry: unknown): ShapeProblem[] {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    return [
      { field: 'mapping', text: show(entry), reason: 'a mapping must be an object with "target" and "kind"' },
    ];
  }
  const mapping = entry as Record<string, unknown>;
  const problems: ShapeProblem[] = [];
  if (typeof mapping.target !== 'string' || mapping.target.trim() === '') {
    problems.push({
      field: 'target',
      text: show(mapping.target),
      reason: 'the target must be an attribute path such as "name.givenName"',
    });
  }
  const kind = mapping.kind;
  if (typeof kind !== 'string' || !KINDS.includes(kind)) {
    const hint = typeof kind === 'string' ? didYouMean(kind, KINDS) : '';
    problems.push({
      field: 'kind',
      text: show(kind),
      reason: `the kind must be "direct", "constant" or "expression".${hint}`,
    });
    return problems;
  }
  const allowed = KEYS[kind as AttributeMapping['kind']];
  for (const key of Object.keys(mapping)) {
    if (allowed.includes(key)) continue;
    problems.push({
      field: 'mapping',
      text: key,
      reason: `unknown key "${key}" in a ${kind} mapping.${didYouMean(key, ALL_KEYS)} A ${kind} mapping takes ${allowed.join(', ')}.`,
    });
  }
  if (kind === 'direct' && (typeof mapping.source !== 'string' || mapping.source.trim() === '')) {
    problems.push({
      field: 'source',
      text: show(mapping.source),
      reason: 'a direct mapping needs "source", the attribute path to copy',
    });
  }
  if (kind === 'expression' && typeof mapping.expression !== 'string') {
    problems.push({
      field: 'expression',
      text: show(mapping.expression),
      reason: 'an expression mapping needs "expression", the expression text',
    });
  }
  if (kind === 'constant' && (!('value' in mapping) || !isScalarOrList(mapping.value))) {
    problems.push({
      field: 'value',
      text: show(mapping.value),
      reason: `a constant mapping needs "value": ${VALUE_RULE}`,
    });
  }
  if ('defaultIfEmpty' in mapping && !isScalarOrList(mapping.defaultIfEmpty)) {
    problems.push({
      field: 'defaultIfEmpty',
      text: show(mapping.defaultIfEmpty),
      reason: `defaultIfEmpty must be ${VALUE_RULE}`,
    });
  }
  if ('onCreateOnly' in mapping && typeof mapping.onCreateOnly !== 'boolean') {
    problems.push({
      field: 'onCreateOnly',
      text: show(mapping.onCreateOnly),
      reason: 'onCreateOnly must be true or false',
    });
  }
  return problems;
}
