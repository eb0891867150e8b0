import { ScimError } from '../errors/scim-error.js';
import { splitAttributePath, type AttributePath } from '../schema/attribute-path.js';
import type {
  ComparisonFilter,
  ComparisonOperator,
  FilterLiteral,
  FilterNode,
  NotFilter,
  PresentFilter,
  ValuePathFilter,
} from './filter-ast.js';

/**
 * Small constructors for filter ASTs, for code that builds filters from data: values are kept
 * as values (never spliced into text), and `formatFilter` escapes them when text is needed.
 * Paths given as text are checked, so a name from data cannot carry filter syntax either.
 */

/** A path as text (`name.givenName`, `urn:…:User:manager`) or as an `AttributePath`. */
export type PathInput = string | AttributePath;

function toPath(path: PathInput): AttributePath {
  if (typeof path !== 'string') return path;
  const parsed = splitAttributePath(path);
  if (!parsed) throw ScimError.invalidFilter(`"${path}" is not an attribute path such as "name.givenName".`);
  return parsed;
}

export function compare(
  path: PathInput,
  operator: ComparisonOperator,
  value: FilterLiteral,
): ComparisonFilter {
  return { kind: 'comparison', path: toPath(path), operator, value };
}

export const eq = (path: PathInput, value: FilterLiteral): ComparisonFilter => compare(path, 'eq', value);
export const ne = (path: PathInput, value: FilterLiteral): ComparisonFilter => compare(path, 'ne', value);
export const co = (path: PathInput, value: string): ComparisonFilter => compare(path, 'co', value);
export const sw = (path: PathInput, value: string): ComparisonFilter => compare(path, 'sw', value);
export const ew = (path: PathInput, value: string): ComparisonFilter => compare(path, 'ew', value);
export const gt = (path: PathInput, value: string | number): ComparisonFilter => compare(path, 'gt', value);
export const ge = (path: PathInput, value: string | number): ComparisonFilter => compare(path, 'ge', value);
export const lt = (path: PathInput, value: string | number): ComparisonFilter => compare(path, 'lt', value);
export const le = (path: PathInput, value: string | number): ComparisonFilter => compare(path, 'le', value);

export function pr(path: PathInput): PresentFilter {
  return { kind: 'present', path: toPath(path) };
}

/** `a and b and c`, left-associative as the parser builds it; one operand is returned as is. */
export function and(first: FilterNode, ...rest: FilterNode[]): FilterNode {
  return rest.reduce<FilterNode>((left, right) => ({ kind: 'and', left, right }), first);
}

/** `a or b or c`, left-associative as the parser builds it; one operand is returned as is. */
export function or(first: FilterNode, ...rest: FilterNode[]): FilterNode {
  return rest.reduce<FilterNode>((left, right) => ({ kind: 'or', left, right }), first);
}

export function not(filter: FilterNode): NotFilter {
  return { kind: 'not', filter };
}

/** `attribute[filter]`, e.g. `valuePath('emails', and(eq('type', 'work'), pr('value')))`. */
export function valuePath(path: PathInput, filter: FilterNode): ValuePathFilter {
  return { kind: 'valuePath', path: toPath(path), filter };
}
