/**
 * Tokens of the SCIM filter language (RFC 7644 §3.4.2.2). The lexer knows only brackets,
 * JSON strings and "words"; whether a word is an attribute path, an operator, a keyword or a
 * number is decided by the parser from its position, because every keyword (`and`, `not`, `pr`,
 * `eq`, `true`…) is also a valid attribute name.
 */
export type TokenKind = '(' | ')' | '[' | ']' | 'string' | 'word' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token (with quotes and escapes for strings). */
  readonly text: string;
  /** The decoded value of a string token. */
  readonly value?: string;
  /** 0-based index of the first character. */
  readonly start: number;
}

/** Reports a lexical error at a 0-based index; never returns. */
export type LexFailure = (reason: string, index: number) => never;

const SINGLE_CHARACTER_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Characters that end a word: whitespace, brackets and the start of a string. */
function endsWord(code: number): boolean {
  return (
    isWhitespace(code) || code === 0x28 || code === 0x29 || code === 0x5b || code === 0x5d || code === 0x22
  );
}

function isHexDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

/**
 * Splits filter text into tokens. `knownSchemasLower` are lower-cased schema URNs: a word that
 * starts with one of them followed by ":" keeps that prefix whole even when the URN holds
 * characters that would otherwise end a word (RFC 8141 allows parentheses in a URN).
 */
export function tokenizeFilter(
  text: string,
  knownSchemasLower: readonly string[],
  fail: LexFailure,
): Token[] {
  const tokens: Token[] = [];
  const length = text.length;
  let index = 0;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (isWhitespace(code)) {
      index++;
    } else if (code === 0x28 || code === 0x29 || code === 0x5b || code === 0x5d) {
      tokens.push({ kind: text[index] as TokenKind, text: text[index] as string, start: index });
      index++;
    } else if (code === 0x22) {
      const { value, end } = readJsonString(text, index, fail);
      tokens.push({ kind: 'string', text: text.slice(index, end), value, start: index });
      index = end;
    } else {
      const start = index;
      index = skipKnownSchemaPrefix(text, index, knownSchemasLower);
      while (index < length && !endsWord(text.charCodeAt(index))) index++;
      tokens.push({ kind: 'word', text: text.slice(start, index), start });
    }
  }
  tokens.push({ kind: 'end', text: '', start: length });
  return tokens;
}

function skipKnownSchemaPrefix(text: string, index: number, knownSchemasLower: readonly string[]): number {
  if (knownSchemasLower.length === 0 || text.slice(index, index + 4).toLowerCase() !== 'urn:') return index;
  let longest = 0;
  for (const urn of knownSchemasLower) {
    if (urn.length <= longest) continue;
    const candidate = text.slice(index, index + urn.length + 1).toLowerCase();
    if (candidate === urn + ':') longest = urn.length;
  }
  return index + longest;
}

/**
 * Reads a JSON string (RFC 8259 §7) starting at the opening quote: every escape including
 * `\uXXXX` (surrogate pairs arrive as two escapes and join naturally). Raw control characters
 * are refused as in JSON, so a value that came through URL decoding with a stray line break
 * is reported instead of silently compared.
 */
export function readJsonString(text: string, open: number, fail: LexFailure): { value: string; end: number } {
  let value = '';
  let chunkStart = open + 1;
  let index = open + 1;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 0x22) {
      value += text.slice(chunkStart, index);
      return { value, end: index + 1 };
    }
    if (code === 0x5c) {
      value += text.slice(chunkStart, index);
      const escape = text[index + 1];
      if (escape === undefined) break;
      if (escape === 'u') {
        const hex = text.slice(index + 2, index + 6);
        if (hex.length < 4 || ![0, 1, 2, 3].every((i) => isHexDigit(hex.charCodeAt(i)))) {
          fail(
            `invalid escape "\\u${hex}" in a string: \\u must be followed by four hexadecimal digits`,
            index,
          );
        }
        value += String.fromCharCode(parseInt(hex, 16));
        index += 6;
      } else {
        const decoded = SINGLE_CHARACTER_ESCAPES[escape];
        if (decoded === undefined) {
          fail(
            `invalid escape "\\${escape}" in a string: use \\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX`,
            index,
          );
        }
        value += decoded;
        index += 2;
      }
      chunkStart = index;
    } else if (code < 0x20) {
      const hex = code.toString(16).padStart(4, '0');
      fail(`control character U+${hex.toUpperCase()} must be escaped in a string (as \\u${hex})`, index);
    } else {
      index++;
    }
  }
  return fail('unterminated string: a closing double quote is missing', open);
}
