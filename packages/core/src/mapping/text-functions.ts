import { mapText, showValue, toCount, toOptionText } from './expression-coercion.js';
import { FunctionFailure, type EagerFunction } from './expression-function.js';
import { EXPRESSION_LIMITS } from './expression-limits.js';
import type { ExpressionValue } from './mapping-value.js';
import { normalizeDiacritics } from './normalize-diacritics.js';

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * A slice counted in Unicode code points, so Left/Mid/Substring never cut an emoji or another
 * character outside the Basic Multilingual Plane in half. Plain text takes the fast path.
 */
function codePointSlice(text: string, start: number, end?: number): string {
  if (!SURROGATE.test(text)) return text.slice(start, end);
  return Array.from(text).slice(start, end).join('');
}

function culture(value: ExpressionValue | undefined, argumentIndex: number): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string')
    throw new FunctionFailure('the culture must be a language tag such as "tr-TR"', argumentIndex);
  try {
    return Intl.getCanonicalLocales(value)[0];
  } catch {
    throw new FunctionFailure(
      `${showValue(value)} is not a valid language tag; write one such as "en-US" or "tr-TR"`,
      argumentIndex,
    );
  }
}

const checkCulture = (literals: readonly (ExpressionValue | undefined)[]): void =>
  void culture(literals[1], 1);

const checkCount = (index: number, what: string) => (literals: readonly (ExpressionValue | undefined)[]) => {
  const literal = literals[index];
  if (literal !== undefined && literal !== null) toCount(literal, what, index);
};

function checkStart(value: ExpressionValue, base: 0 | 1): number {
  const start = toCount(value, 'start', 1);
  if (base === 1 && start < 1) {
    throw new FunctionFailure(
      'Mid counts characters from 1 (the first character is 1); use Substring to count from 0',
      1,
    );
  }
  return start - base;
}

/** Plain-text replacement with the size of the result checked before it is built. */
function replaceAll(text: string, find: string, replacement: string): string {
  if (find === '') return text;
  let count = 0;
  for (let at = text.indexOf(find); at >= 0; at = text.indexOf(find, at + find.length)) count++;
  const length = text.length + count * (replacement.length - find.length);
  if (length > EXPRESSION_LIMITS.maxStringLength) {
    throw new FunctionFailure(
      `Replace would produce ${length} characters; a mapping value is limited to ${EXPRESSION_LIMITS.maxStringLength}`,
    );
  }
  return text.split(find).join(replacement);
}

export const TEXT_FUNCTIONS: readonly EagerFunction[] = [
  {
    name: 'Append',
    signature: 'Append(source, suffix)',
    summary: 'source followed by suffix; null source → null, null suffix adds nothing; lists: each element',
    minArgs: 2,
    maxArgs: 2,
    evaluate: ([source, suffix]) => {
      const tail = toOptionText(suffix!, 'the suffix', 1);
      return mapText(source!, (text) => text + tail);
    },
  },
  {
    name: 'ToLower',
    signature: 'ToLower(source, culture?)',
    summary:
      'lower case, culture-aware when a language tag is given ("tr-TR"); null → null; lists: each element',
    minArgs: 1,
    maxArgs: 2,
    checkLiterals: checkCulture,
    evaluate: ([source, tag]) => {
      const locale = culture(tag, 1);
      return mapText(source!, (text) => (locale ? text.toLocaleLowerCase(locale) : text.toLowerCase()));
    },
  },
  {
    name: 'ToUpper',
    signature: 'ToUpper(source, culture?)',
    summary: 'upper case, culture-aware when a language tag is given; null → null; lists: each element',
    minArgs: 1,
    maxArgs: 2,
    checkLiterals: checkCulture,
    evaluate: ([source, tag]) => {
      const locale = culture(tag, 1);
      return mapText(source!, (text) => (locale ? text.toLocaleUpperCase(locale) : text.toUpperCase()));
    },
  },
  {
    name: 'Trim',
    signature: 'Trim(source)',
    summary: 'removes white space at both ends; null → null; lists: each element',
    minArgs: 1,
    maxArgs: 1,
    evaluate: ([source]) => mapText(source!, (text) => text.trim()),
  },
  {
    name: 'StripSpaces',
    signature: 'StripSpaces(source)',
    summary:
      'removes every white-space character (also tabs and no-break spaces); null → null; lists: each element',
    minArgs: 1,
    maxArgs: 1,
    evaluate: ([source]) => mapText(source!, (text) => text.replace(/\s+/g, '')),
  },
  {
    name: 'NormalizeDiacritics',
    signature: 'NormalizeDiacritics(source)',
    summary:
      'removes accents and spells special Latin letters in ASCII (ø→o, ł→l, ß→ss, æ→ae, þ→th); null → null',
    minArgs: 1,
    maxArgs: 1,
    evaluate: ([source]) => mapText(source!, normalizeDiacritics),
  },
  {
    name: 'Replace',
    signature: 'Replace(source, find, replacement)',
    summary:
      'replaces every occurrence of the plain text find (no patterns); null source → null; empty find → unchanged',
    minArgs: 3,
    maxArgs: 3,
    evaluate: ([source, find, replacement]) => {
      const needle = toOptionText(find!, 'find', 1);
      const substitute = toOptionText(replacement!, 'the replacement', 2);
      return mapText(source!, (text) => replaceAll(text, needle, substitute));
    },
  },
  {
    name: 'Left',
    signature: 'Left(source, count)',
    summary: 'the first count characters (all of them when shorter); null → null',
    minArgs: 2,
    maxArgs: 2,
    checkLiterals: checkCount(1, 'count'),
    evaluate: ([source, count]) => {
      const length = toCount(count!, 'count', 1);
      return mapText(source!, (text) => codePointSlice(text, 0, length));
    },
  },
  {
    name: 'Mid',
    signature: 'Mid(source, start, length)',
    summary: 'length characters from position start, counted from 1; past the end → ""; null → null',
    minArgs: 3,
    maxArgs: 3,
    checkLiterals: (literals) => {
      if (literals[1] !== undefined && literals[1] !== null) checkStart(literals[1], 1);
      checkCount(2, 'length')(literals);
    },
    evaluate: ([source, start, length]) => {
      const from = checkStart(start!, 1);
      const count = toCount(length!, 'length', 2);
      return mapText(source!, (text) => codePointSlice(text, from, from + count));
    },
  },
  {
    name: 'Substring',
    signature: 'Substring(source, start, length?)',
    summary:
      'characters from position start, counted from 0, up to length of them (to the end when omitted); null → null',
    minArgs: 2,
    maxArgs: 3,
    checkLiterals: (literals) => {
      checkCount(1, 'start')(literals);
      checkCount(2, 'length')(literals);
    },
    evaluate: ([source, start, length]) => {
      const from = checkStart(start!, 0);
      const count = length === undefined || length === null ? undefined : toCount(length, 'length', 2);
      return mapText(source!, (text) =>
        codePointSlice(text, from, count === undefined ? undefined : from + count),
      );
    },
  },
];
