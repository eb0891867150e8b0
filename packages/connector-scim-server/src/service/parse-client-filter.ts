import { isScimError, parseFilter, type FilterNode } from '@idsync/scim';

const OPERATORS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const JSON_LITERAL = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)$/i;

/**
 * Quotes comparison values a client sent without quotes (`externalId eq 1234-abc`), as some
 * Entra ID requests do. Only a bare word right after a comparison operator is touched; numbers,
 * booleans and null stay literals, and text inside quotes is skipped.
 */
export function quoteBareValues(text: string): string {
  let out = '';
  let index = 0;
  let previousWord = '';
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      const end = closingQuote(text, index);
      out += text.slice(index, end);
      index = end;
      previousWord = '';
      continue;
    }
    if (/\s/.test(char) || char === '(' || char === ')' || char === '[' || char === ']') {
      out += char;
      index++;
      continue;
    }
    let end = index;
    while (end < text.length && !/[\s()[\]"]/.test(text[end]!)) end++;
    const word = text.slice(index, end);
    if (OPERATORS.has(previousWord.toLowerCase()) && !JSON_LITERAL.test(word)) {
      out += JSON.stringify(word);
    } else {
      out += word;
    }
    previousWord = word;
    index = end;
  }
  return out;
}

function closingQuote(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    if (text[index] === '\\') index += 2;
    else if (text[index] === '"') return index + 1;
    else index++;
  }
  return text.length;
}

/**
 * Parses a client's filter with the full RFC 7644 grammar. When it does not parse, the same
 * filter with bare comparison values quoted is tried once; if that parses it is used, else the
 * original error (400 `invalidFilter` with position and caret) is what the client gets.
 */
export function parseClientFilter(text: string): FilterNode {
  try {
    return parseFilter(text);
  } catch (error) {
    if (!isScimError(error)) throw error;
    const quoted = quoteBareValues(text);
    if (quoted === text) throw error;
    try {
      return parseFilter(quoted);
    } catch {
      throw error;
    }
  }
}
