import { FunctionFailure } from './expression-function.js';
import { EXPRESSION_LIMITS } from './expression-limits.js';
import type { ExpressionValue } from './mapping-value.js';

const SHOWN_LENGTH = 40;

/**
 * A data value as error messages quote it: JSON-quoted and cut to a few dozen characters, so
 * an error about a huge or sensitive value names it without copying all of it into logs.
 */
export function showValue(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const cut = text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH)}…` : text;
  return typeof value === 'string' ? JSON.stringify(cut) : cut;
}

/**
 * The text form of a single value: numbers and booleans in their plain form (`1.5`, `true`).
 * A list is refused: callers that accept lists map over them with `mapText`.
 */
export function toText(value: string | number | boolean): string {
  return typeof value === 'string' ? value : String(value);
}

/**
 * Applies a text transformation to a value: null stays null, a list is transformed element by
 * element (null results dropped), anything else is converted to text first. This is what makes
 * `ToLower([emails.value])` lower-case every address.
 */
export function mapText(value: ExpressionValue, transform: (text: string) => string | null): ExpressionValue {
  if (value === null) return null;
  if (Array.isArray(value)) {
    const results: string[] = [];
    for (const item of value) {
      const result = transform(item);
      if (result !== null) results.push(result);
    }
    return results;
  }
  return transform(toText(value));
}

/** A non-negative whole number from a number or numeric text; FunctionFailure otherwise. */
export function toCount(value: ExpressionValue, what: string, argumentIndex: number): number {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+\s*$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isInteger(number) || number < 0) {
    throw new FunctionFailure(
      `${what} must be a whole number of 0 or more, got ${showValue(value)}`,
      argumentIndex,
    );
  }
  return number;
}

/** Text for an argument that configures a function (separator, format); null reads as "". */
export function toOptionText(value: ExpressionValue, what: string, argumentIndex: number): string {
  if (value === null) return '';
  if (Array.isArray(value))
    throw new FunctionFailure(`${what} must be a single value, got a list`, argumentIndex);
  return toText(value);
}

/**
 * A condition's truth: booleans as they are, null (absent attribute) as false, and the text
 * "true"/"false" in any case, as stores that keep flags in string attributes send them.
 */
export function toCondition(value: ExpressionValue, argumentIndex: number): boolean {
  if (typeof value === 'boolean') return value;
  if (value === null) return false;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  throw new FunctionFailure(
    `a condition must be true or false, got ${showValue(value)}; build one with ==, Equals, IsPresent or IsNullOrEmpty`,
    argumentIndex,
  );
}

/** Null, "" and the empty list: the values SCIM treats as unassigned. */
export function isEmptyExpressionValue(value: ExpressionValue): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function scalarEquals(
  left: string | number | boolean,
  right: string | number | boolean,
  ignoreCase: boolean,
): boolean {
  if (typeof left === typeof right && !(ignoreCase && typeof left === 'string')) return left === right;
  const a = toText(left);
  const b = toText(right);
  return ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/**
 * Equality for `==`, `!=`, Equals and Switch. Empty values (null, "", []) equal each other;
 * numbers and booleans compare with text by their text form (`1 == "1"`); a list equals a
 * single value when any element does (as SCIM filters treat multi-valued attributes), and
 * another list when both hold the same elements in the same order.
 */
export function valuesEqual(left: ExpressionValue, right: ExpressionValue, ignoreCase = false): boolean {
  const leftEmpty = isEmptyExpressionValue(left);
  const rightEmpty = isEmptyExpressionValue(right);
  if (leftEmpty || rightEmpty) return leftEmpty && rightEmpty;
  if (Array.isArray(left) && Array.isArray(right)) {
    return (
      left.length === right.length &&
      left.every((item, index) => scalarEquals(item, right[index]!, ignoreCase))
    );
  }
  if (Array.isArray(left))
    return left.some((item) => scalarEquals(item, right as string | number | boolean, ignoreCase));
  if (Array.isArray(right))
    return right.some((item) => scalarEquals(left as string | number | boolean, item, ignoreCase));
  return scalarEquals(left!, right!, ignoreCase);
}

/** Refuses a result larger than the limits, naming which limit. */
export function checkResultSize(value: ExpressionValue, functionName: string): void {
  if (typeof value === 'string') {
    if (value.length > EXPRESSION_LIMITS.maxStringLength) {
      throw new FunctionFailure(
        `${functionName} would produce ${value.length} characters; a mapping value is limited to ${EXPRESSION_LIMITS.maxStringLength}`,
      );
    }
  } else if (Array.isArray(value)) {
    if (value.length > EXPRESSION_LIMITS.maxListLength) {
      throw new FunctionFailure(
        `${functionName} would produce ${value.length} values; a mapping list is limited to ${EXPRESSION_LIMITS.maxListLength}`,
      );
    }
    let total = 0;
    for (const item of value) {
      if (item.length > EXPRESSION_LIMITS.maxStringLength) {
        throw new FunctionFailure(
          `${functionName} would produce a value of ${item.length} characters; a mapping value is limited to ${EXPRESSION_LIMITS.maxStringLength}`,
        );
      }
      total += item.length;
    }
    if (total > EXPRESSION_LIMITS.maxStringLength * 16) {
      throw new FunctionFailure(
        `${functionName} would produce a list of ${total} characters in all; simplify the mapping`,
      );
    }
  }
}
