import { isEmptyExpressionValue, toOptionText, toText } from './expression-coercion.js';
import { FunctionFailure, type ExpressionFunction } from './expression-function.js';
import { EXPRESSION_LIMITS } from './expression-limits.js';

export const LIST_FUNCTIONS: readonly ExpressionFunction[] = [
  {
    name: 'Join',
    signature: 'Join(separator, value1, value2, …)',
    summary:
      'the values (list elements included) joined with separator, skipping null and ""; nothing left → null',
    minArgs: 2,
    maxArgs: EXPRESSION_LIMITS.maxArguments,
    evaluate: ([separatorValue, ...values]) => {
      const separator = toOptionText(separatorValue!, 'the separator', 0);
      const parts: string[] = [];
      let length = 0;
      for (const value of values) {
        if (value === null) continue;
        for (const item of Array.isArray(value) ? value : [toText(value)]) {
          if (item === '') continue;
          // Checked while collecting, so a huge list is refused before a huge string is built.
          length += item.length + (parts.length > 0 ? separator.length : 0);
          if (length > EXPRESSION_LIMITS.maxStringLength) {
            throw new FunctionFailure(
              `Join would produce more than ${EXPRESSION_LIMITS.maxStringLength} characters, the limit for a mapping value`,
            );
          }
          parts.push(item);
        }
      }
      return parts.length > 0 ? parts.join(separator) : null;
    },
  },
  {
    name: 'Split',
    signature: 'Split(source, separator)',
    summary:
      'a list of the parts of source between separators, empty parts left out; null → null; lists: each element',
    minArgs: 2,
    maxArgs: 2,
    checkLiterals: (literals) => {
      if (literals[1] === '' || literals[1] === null)
        throw new FunctionFailure('the separator must not be empty', 1);
    },
    evaluate: ([source, separatorValue]) => {
      const separator = toOptionText(separatorValue!, 'the separator', 1);
      if (separator === '') throw new FunctionFailure('the separator must not be empty', 1);
      if (source === null) return null;
      const parts: string[] = [];
      for (const item of Array.isArray(source) ? source : [toText(source!)]) {
        for (const part of item.split(separator)) {
          if (part === '') continue;
          if (parts.length >= EXPRESSION_LIMITS.maxListLength) {
            throw new FunctionFailure(
              `Split would produce more than ${EXPRESSION_LIMITS.maxListLength} values, the limit for a list`,
            );
          }
          parts.push(part);
        }
      }
      return parts;
    },
  },
  {
    name: 'Coalesce',
    signature: 'Coalesce(value1, value2, …)',
    summary:
      'the first value that is not null, "" or an empty list (later ones are not evaluated); none → null',
    minArgs: 1,
    maxArgs: EXPRESSION_LIMITS.maxArguments,
    lazy: true,
    evaluate: (args) => {
      for (const arg of args) {
        const value = arg();
        if (!isEmptyExpressionValue(value)) return value;
      }
      return null;
    },
  },
];
