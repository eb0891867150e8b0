import type { ExpressionFunction } from './expression-function.js';
import { FORMAT_DATE_TIME } from './format-date-time.js';
import { LIST_FUNCTIONS } from './list-functions.js';
import { LOGIC_FUNCTIONS } from './logic-functions.js';
import { TEXT_FUNCTIONS } from './text-functions.js';

/** Every function an expression can call, in the order the reference lists them. */
export const EXPRESSION_FUNCTIONS: readonly ExpressionFunction[] = [
  ...TEXT_FUNCTIONS,
  ...LIST_FUNCTIONS,
  ...LOGIC_FUNCTIONS,
  FORMAT_DATE_TIME,
];

const BY_NAME = new Map(EXPRESSION_FUNCTIONS.map((fn) => [fn.name.toLowerCase(), fn]));

/** The function called `name`, matched case-insensitively (`tolower`, `ToLower`, `TOLOWER`). */
export function findExpressionFunction(name: string): ExpressionFunction | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** Name, signature and summary of each function: the data behind the function reference. */
export function describeExpressionFunctions(): { name: string; signature: string; summary: string }[] {
  return EXPRESSION_FUNCTIONS.map(({ name, signature, summary }) => ({ name, signature, summary }));
}
