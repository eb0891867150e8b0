import { isEmptyExpressionValue, toCondition, toText, valuesEqual } from './expression-coercion.js';
import type { ArgumentThunk, ExpressionFunction } from './expression-function.js';
import { EXPRESSION_LIMITS } from './expression-limits.js';
import type { ExpressionValue } from './mapping-value.js';

/** Looks one value up in Switch's key/value pairs (arguments 2, 3, 4, 5, …). */
function switchLookup(source: ExpressionValue, args: readonly ArgumentThunk[]): ExpressionValue {
  for (let index = 2; index + 1 < args.length; index += 2) {
    if (valuesEqual(source, args[index]!())) return args[index + 1]!();
  }
  return args[1]!();
}

export const LOGIC_FUNCTIONS: readonly ExpressionFunction[] = [
  {
    name: 'IIF',
    signature: 'IIF(condition, whenTrue, whenFalse)',
    summary:
      'whenTrue if condition is true, else whenFalse (only the chosen one is evaluated); null condition counts as false',
    minArgs: 3,
    maxArgs: 3,
    lazy: true,
    evaluate: ([condition, whenTrue, whenFalse]) =>
      toCondition(condition!(), 0) ? whenTrue!() : whenFalse!(),
  },
  {
    name: 'Switch',
    signature: 'Switch(source, default, key1, value1, key2, value2, …)',
    summary:
      'the value paired with the first key equal to source (exact, case-sensitive), else default; lists: each element',
    minArgs: 4,
    maxArgs: EXPRESSION_LIMITS.maxArguments,
    checkArgumentCount: (count) =>
      count % 2 === 0 ? undefined : 'keys and values come in pairs: every key needs a value after it',
    lazy: true,
    evaluate: (args) => {
      const source = args[0]!();
      if (!Array.isArray(source)) return switchLookup(source, args);
      const results: string[] = [];
      for (const element of source) {
        const mapped = switchLookup(element, args);
        if (Array.isArray(mapped)) results.push(...mapped);
        else if (mapped !== null) results.push(toText(mapped));
      }
      return results;
    },
  },
  {
    name: 'IsPresent',
    signature: 'IsPresent(value)',
    summary: 'true when value is not null, "" or an empty list',
    minArgs: 1,
    maxArgs: 1,
    evaluate: ([value]) => !isEmptyExpressionValue(value!),
  },
  {
    name: 'IsNullOrEmpty',
    signature: 'IsNullOrEmpty(value)',
    summary: 'true when value is null, "" or an empty list (the opposite of IsPresent)',
    minArgs: 1,
    maxArgs: 1,
    evaluate: ([value]) => isEmptyExpressionValue(value!),
  },
  {
    name: 'IsNull',
    signature: 'IsNull(value)',
    summary: 'true only when value is null (an absent attribute); "" is not null',
    minArgs: 1,
    maxArgs: 1,
    evaluate: ([value]) => value === null,
  },
  {
    name: 'Equals',
    signature: 'Equals(left, right, ignoreCase?)',
    summary: 'like left == right; ignoreCase true compares text without regard to case',
    minArgs: 2,
    maxArgs: 3,
    evaluate: ([left, right, ignoreCase]) =>
      valuesEqual(left!, right!, ignoreCase === undefined ? false : toCondition(ignoreCase, 2)),
  },
  {
    name: 'Not',
    signature: 'Not(condition)',
    summary: 'the opposite of condition; null counts as false, so Not(null) is true',
    minArgs: 1,
    maxArgs: 1,
    evaluate: ([condition]) => !toCondition(condition!, 0),
  },
  {
    name: 'And',
    signature: 'And(condition1, condition2, …)',
    summary: 'true when every condition is true; stops at the first false one',
    minArgs: 2,
    maxArgs: EXPRESSION_LIMITS.maxArguments,
    lazy: true,
    evaluate: (args) => args.every((arg, index) => toCondition(arg(), index)),
  },
  {
    name: 'Or',
    signature: 'Or(condition1, condition2, …)',
    summary: 'true when any condition is true; stops at the first true one',
    minArgs: 2,
    maxArgs: EXPRESSION_LIMITS.maxArguments,
    lazy: true,
    evaluate: (args) => args.some((arg, index) => toCondition(arg(), index)),
  },
];
