import { ScimError } from '../errors/scim-error.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import { formatAttributePath, type AttributePath } from '../schema/attribute-path.js';
import type { ResolvedAttribute, SchemaRegistry, SchemaScope } from '../schema/schema-registry.js';
import {
  isPresentValue,
  memberReader,
  someElement,
  someSubPresent,
  someSubValue,
  someValue,
  someValueOrItsValue,
  type AttributeReader,
} from './attribute-values.js';
import { compileTypedValueTest, compileUntypedValueTest } from './compile-value-test.js';
import type { ComparisonFilter, FilterNode, LogicalFilter, ValuePathFilter } from './filter-ast.js';
import type { FilterParseOptions } from './filter-parser.js';
import { resolveTopLevel, type ResolvedPath } from './resolve-filter-path.js';
import { parseFilter } from './parse-filter.js';

/** What a schema-aware evaluation needs: the schemas, and which of them the resources use. */
export interface FilterContext {
  readonly registry: SchemaRegistry;
  readonly scope: SchemaScope;
}

/** A compiled filter: true when the resource (or element) matches. */
export type FilterPredicate = (target: object) => boolean;

/** The two constant predicates, recognised by identity so that `and`/`or`/`not` fold them. */
const NEVER: FilterPredicate = () => false;
const ALWAYS: FilterPredicate = () => true;

interface CompileEnv {
  readonly resolve: (path: AttributePath) => ResolvedPath | undefined;
  /** False for data without a schema. */
  readonly typed: boolean;
  /** True inside a value filter, where paths are relative to one complex value. */
  readonly inElement: boolean;
}

/**
 * Compiles a filter once into a predicate over resources. With a `context` the evaluation is
 * schema-aware: names resolve through `registry.resolve` (core, id/externalId/meta, then
 * extensions, whose values live under the URN key), strings follow `caseExact`, dateTime
 * compares as instants, numbers numerically. Without one it is untyped (see
 * `compileUntypedValueTest`). Attribute definitions, literals and operators are all resolved
 * here, so the predicate does no parsing, no regex building and no schema lookups.
 *
 * Semantics beyond the RFC text, decided here:
 * - an unknown attribute makes its comparison, `pr` or value filter false, so `not (…)` of it is true;
 * - a literal of the wrong JSON type for the attribute (`active eq "yes"`) matches nothing, also with `ne`;
 * - `eq null` matches when the attribute is not present (as `pr` defines it), `ne null` when it is;
 * - `ne` on a multi-valued attribute matches when any value differs; an absent attribute matches no `ne`;
 * - an operator that does not apply to the attribute's type (`gt` on a boolean or binary,
 *   `co` on a number, anything but eq/ne with null) throws `invalidFilter` at compile time.
 */
export function compileFilter(
  filter: FilterNode | string,
  context?: FilterContext,
  options?: FilterParseOptions,
): FilterPredicate {
  const node = typeof filter === 'string' ? parseFilter(filter, withKnownSchemas(options, context)) : filter;
  const env: CompileEnv = context
    ? { resolve: (path) => resolveTopLevel(path, context), typed: true, inElement: false }
    : { resolve: (path) => resolveTopLevel(path, undefined), typed: false, inElement: false };
  return compileNode(node, env);
}

/** One-off evaluation; compile with `compileFilter` to test many resources. */
export function matchesFilter(
  resource: object,
  filter: FilterNode | string,
  context?: FilterContext,
): boolean {
  return compileFilter(filter, context)(resource);
}

/**
 * Compiles the inner filter of a value path (`type eq "work"` of `emails[type eq "work"]`)
 * for testing single elements of the complex attribute, as the PATCH engine does to find its
 * targets. `parent` is the complex attribute (its definition, or what `registry.resolve`
 * returned for it); without it the element is evaluated untyped.
 */
export function compileElementFilter(
  filter: FilterNode,
  parent?: AttributeDefinition | ResolvedAttribute,
): FilterPredicate {
  const definition = parent && 'definition' in parent ? parent.definition : parent;
  if (definition && definition.type !== 'complex') {
    throw ScimError.invalidFilter(
      `"${definition.name}" is not a complex attribute, so it takes no value filter.`,
    );
  }
  return compileNode(filter, elementEnv(definition));
}

/** One-off form of `compileElementFilter`. */
export function matchesElement(
  element: object,
  filter: FilterNode,
  parent?: AttributeDefinition | ResolvedAttribute,
): boolean {
  return compileElementFilter(filter, parent)(element);
}

function withKnownSchemas(
  options: FilterParseOptions | undefined,
  context: FilterContext | undefined,
): FilterParseOptions | undefined {
  if (!context || options?.knownSchemas) return options;
  return { ...options, knownSchemas: context.registry.schemas().map((schema) => schema.id) };
}

function elementEnv(parent: AttributeDefinition | undefined): CompileEnv {
  const resolve = (path: AttributePath): ResolvedPath | undefined => {
    // Inside a value filter a name is a sub-attribute of the parent: no URN, no further dot.
    if (path.schema !== undefined || path.subAttribute !== undefined) return undefined;
    if (!parent) return { read: memberReader(path.attribute) };
    const lower = path.attribute.toLowerCase();
    const definition = parent.subAttributes?.find((sub) => sub.name.toLowerCase() === lower);
    return definition && { read: memberReader(definition.name), definition };
  };
  return { resolve, typed: parent !== undefined, inElement: true };
}

function compileNode(node: FilterNode, env: CompileEnv): FilterPredicate {
  switch (node.kind) {
    case 'comparison':
      return compileComparison(node, env);
    case 'present': {
      const resolved = env.resolve(node.path);
      if (!resolved) return NEVER;
      const { read, subAttribute } = resolved;
      return subAttribute !== undefined
        ? (t) => someSubPresent(read(t), subAttribute)
        : (t) => isPresentValue(read(t));
    }
    case 'not': {
      const inner = compileNode(node.filter, env);
      return inner === NEVER ? ALWAYS : inner === ALWAYS ? NEVER : (t) => !inner(t);
    }
    case 'and':
    case 'or':
      return compileChain(node, env);
    case 'valuePath':
      return compileValuePath(node, env);
    default:
      throw ScimError.invalidFilter(`Unknown filter node kind "${(node as { kind?: unknown }).kind}".`);
  }
}

function compileComparison(node: ComparisonFilter, env: CompileEnv): FilterPredicate {
  const { operator, value } = node;
  const pathText = formatAttributePath(node.path);
  if (value === null && operator !== 'eq' && operator !== 'ne') {
    throw ScimError.invalidFilter(`"${pathText} ${operator} null": only eq and ne compare with null.`);
  }
  const resolved = env.resolve(node.path);
  if (!resolved) return NEVER;
  const { read, subAttribute, definition, subDefinition } = resolved;
  if (value === null) {
    const present = compileNode({ kind: 'present', path: node.path }, env);
    return operator === 'ne' ? present : present === NEVER ? ALWAYS : (t) => !present(t);
  }
  if (!env.typed || !definition) {
    const test = compileUntypedValueTest(operator, value, pathText);
    return subAttribute !== undefined
      ? (t) => someSubValue(read(t), subAttribute, test)
      : (t) => someValueOrItsValue(read(t), test);
  }
  // A complex attribute named without a sub-attribute is compared by its "value" (RFC 7644 §3.10).
  const compared =
    subDefinition ??
    (definition.type === 'complex'
      ? definition.subAttributes?.find((s) => s.name.toLowerCase() === 'value')
      : definition);
  if (!compared) return NEVER;
  const test = compileTypedValueTest(operator, value, compared, pathText);
  if (!test) return NEVER;
  const sub = subDefinition ? subAttribute : compared !== definition ? compared.name : undefined;
  return sub !== undefined ? (t) => someSubValue(read(t), sub, test) : (t) => someValue(read(t), test);
}

function compileValuePath(node: ValuePathFilter, env: CompileEnv): FilterPredicate {
  const pathText = formatAttributePath(node.path);
  if (env.inElement)
    throw ScimError.invalidFilter(`Value filters cannot be nested: "${pathText}[…]" is inside another.`);
  if (node.path.subAttribute !== undefined) {
    throw ScimError.invalidFilter(
      `A value filter applies to an attribute, not to the sub-attribute "${pathText}".`,
    );
  }
  const resolved = env.resolve(node.path);
  // Compile the inner filter even when the attribute is unknown, so its errors still surface.
  const parent = env.typed ? resolved?.definition : undefined;
  const inner = compileNode(
    node.filter,
    elementEnv(parent && parent.type === 'complex' ? parent : undefined),
  );
  if (!resolved || (env.typed && parent?.type !== 'complex') || inner === NEVER) return NEVER;
  const read: AttributeReader = resolved.read;
  return (t) => someElement(read(t), inner);
}

/**
 * `a and b and c …` as one loop over the operands, collected without recursion (a long chain
 * from data must not exhaust the stack); constant operands fold away.
 */
function compileChain(node: LogicalFilter, env: CompileEnv): FilterPredicate {
  const isAnd = node.kind === 'and';
  const operands: FilterPredicate[] = [];
  const pending: FilterNode[] = [node];
  while (pending.length > 0) {
    const current = pending.pop() as FilterNode;
    if (current.kind === node.kind)
      pending.push((current as LogicalFilter).right, (current as LogicalFilter).left);
    else operands.push(compileNode(current, env));
  }
  const absorbing = isAnd ? NEVER : ALWAYS;
  const neutral = isAnd ? ALWAYS : NEVER;
  if (operands.includes(absorbing)) return absorbing;
  const parts = operands.filter((p) => p !== neutral);
  const [first, second] = parts;
  if (!first) return neutral;
  if (parts.length === 1) return first;
  if (parts.length === 2 && second)
    return isAnd ? (t) => first(t) && second(t) : (t) => first(t) || second(t);
  return isAnd ? (t) => parts.every((p) => p(t)) : (t) => parts.some((p) => p(t));
}
