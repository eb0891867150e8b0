import { ScimError } from '../errors/scim-error.js';
import { isValidAttributeName, type AttributePath } from '../schema/attribute-path.js';
import type { FilterLiteral, FilterNode, LogicalFilter, PatchPath } from './filter-ast.js';

/** Binding strength: or < and < everything else (not, comparisons, value paths). */
function precedence(node: FilterNode): number {
  return node.kind === 'or' ? 1 : node.kind === 'and' ? 2 : 3;
}

/**
 * A schema URN as a path prefix: it must start with "urn:" (or the parser would not see a
 * schema) and hold nothing that ends a path word, so a URN taken from data cannot smuggle in
 * filter syntax.
 */
const PRINTABLE_SCHEMA = /^urn:[^\s()[\]"]+$/i;

/**
 * Formats a filter AST as RFC 7644 filter text that parses back to the same AST, with only
 * the parentheses that precedence requires (`and`/`or` are left-associative, so a right operand
 * of the same kind keeps its parentheses). Strings are always JSON-escaped, and attribute names
 * and URNs are checked, so this is the safe way to build a filter from data. Throws
 * `invalidFilter` for what cannot be written: a bad name, a non-finite number, a nested value
 * filter.
 */
export function formatFilter(node: FilterNode): string {
  return formatNode(node, false);
}

/** Formats a PATCH path (RFC 7644 §3.5.2) so that `parsePatchPath` reads it back unchanged. */
export function formatPatchPath(path: PatchPath): string {
  let text = formatPath(path.attribute);
  if (path.valueFilter) {
    if (path.attribute.subAttribute !== undefined) {
      throw ScimError.invalidPath(
        `A value filter applies to an attribute, not to the sub-attribute "${text}".`,
      );
    }
    text += `[${formatNode(path.valueFilter, true)}]`;
  }
  if (path.subAttribute !== undefined) {
    if (!path.valueFilter) {
      throw ScimError.invalidPath(
        'A PatchPath carries `subAttribute` only after a value filter; put it in `attribute`.',
      );
    }
    text += `.${checkName(path.subAttribute)}`;
  }
  return text;
}

/** A literal as filter text: a JSON string, a JSON number, true, false or null. */
export function formatFilterLiteral(value: FilterLiteral): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value))
        throw ScimError.invalidFilter(`The number ${value} cannot be written in a filter.`);
      return Object.is(value, -0) ? '-0' : String(value);
    default:
      throw ScimError.invalidFilter(
        `A filter value must be a string, number, boolean or null, not ${typeof value}.`,
      );
  }
}

function formatNode(node: FilterNode, insideValueFilter: boolean): string {
  switch (node.kind) {
    case 'comparison':
      return `${formatPath(node.path)} ${node.operator} ${formatFilterLiteral(node.value)}`;
    case 'present':
      return `${formatPath(node.path)} pr`;
    case 'not':
      return `not (${formatNode(node.filter, insideValueFilter)})`;
    case 'valuePath':
      if (insideValueFilter)
        throw ScimError.invalidFilter('Value filters cannot be nested (RFC 7644 §3.4.2.2).');
      if (node.path.subAttribute !== undefined) {
        throw ScimError.invalidFilter(
          `A value filter applies to an attribute, not to "${formatPath(node.path)}".`,
        );
      }
      return `${formatPath(node.path)}[${formatNode(node.filter, true)}]`;
    case 'and':
    case 'or':
      return formatChain(node, insideValueFilter);
    default:
      throw ScimError.invalidFilter(`Unknown filter node kind "${(node as { kind?: unknown }).kind}".`);
  }
}

/**
 * A run of the same logical operator down the left side, written without recursing on the
 * left, so a long `a or b or c …` built from data cannot exhaust the stack.
 */
function formatChain(node: LogicalFilter, insideValueFilter: boolean): string {
  const rights: FilterNode[] = [];
  let current: FilterNode = node;
  while (current.kind === node.kind) {
    rights.push((current as LogicalFilter).right);
    current = (current as LogicalFilter).left;
  }
  const own = precedence(node);
  const wrap = (operand: FilterNode, needsParentheses: boolean): string => {
    const text = formatNode(operand, insideValueFilter);
    return needsParentheses ? `(${text})` : text;
  };
  const parts = [wrap(current, precedence(current) < own)];
  for (let i = rights.length - 1; i >= 0; i--) {
    const right = rights[i] as FilterNode;
    parts.push(wrap(right, precedence(right) <= own));
  }
  return parts.join(` ${node.kind} `);
}

function formatPath(path: AttributePath): string {
  let text = checkName(path.attribute);
  if (path.subAttribute !== undefined) text += `.${checkName(path.subAttribute)}`;
  if (path.schema === undefined) return text;
  if (!PRINTABLE_SCHEMA.test(path.schema)) {
    throw ScimError.invalidFilter(
      `"${path.schema}" cannot prefix an attribute: a schema URN starts with "urn:" and has no spaces, brackets or quotes.`,
    );
  }
  return `${path.schema}:${text}`;
}

function checkName(name: string): string {
  if (typeof name !== 'string' || !isValidAttributeName(name)) {
    throw ScimError.invalidFilter(
      `"${String(name)}" is not an attribute name: names start with a letter and hold letters, digits, "-" and "_".`,
    );
  }
  return name;
}
