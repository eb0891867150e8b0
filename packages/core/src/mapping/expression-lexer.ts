import { EXPRESSION_LIMITS } from './expression-limits.js';
import { MappingExpressionError } from './mapping-expression-error.js';

export type TokenKind = 'name' | 'string' | 'number' | 'reference' | '(' | ')' | ',' | '==' | '!=' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** Source text of the token; for `reference` the path between the brackets. */
  readonly text: string;
  /** The decoded value of `string` and `number` tokens. */
  readonly value?: string | number;
  readonly position: number;
  /** For `reference`: where the path text starts. */
  readonly innerPosition?: number;
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?\d{1,20}(?:\.\d{1,20})?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', n: '\n', t: '\t' };

function fail(text: string, position: number, reason: string): never {
  throw new MappingExpressionError({ reason, expression: text, position, phase: 'compile' });
}

function readString(text: string, start: number): Token {
  let value = '';
  let at = start + 1;
  while (at < text.length) {
    const char = text[at]!;
    if (char === '"') {
      return { kind: 'string', text: text.slice(start, at + 1), value, position: start };
    }
    if (char === '\\') {
      const escaped = ESCAPES[text[at + 1] ?? ''];
      if (escaped === undefined)
        fail(text, at, 'unknown escape in a string; write \\" for a quote, \\\\ for a backslash, \\n or \\t');
      value += escaped;
      at += 2;
    } else {
      value += char;
      at += 1;
    }
    if (value.length > EXPRESSION_LIMITS.maxStringLength) {
      fail(text, start, `a string literal is longer than ${EXPRESSION_LIMITS.maxStringLength} characters`);
    }
  }
  return fail(text, start, 'the string is not closed; add the closing " (write \\" for a quote inside it)');
}

/**
 * Reads `[path]` as one token. Brackets nest (`[emails[type eq "work"].value]`) and a quoted
 * value inside a filter may contain `]`, so the scanner tracks depth and skips strings.
 */
function readReference(text: string, start: number): Token {
  let depth = 0;
  let at = start;
  while (at < text.length) {
    const char = text[at];
    if (char === '"') {
      at += 1;
      while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    } else if (char === '[') {
      depth += 1;
    } else if (char === ']') {
      depth -= 1;
      if (depth === 0) {
        return {
          kind: 'reference',
          text: text.slice(start + 1, at),
          position: start,
          innerPosition: start + 1,
        };
      }
    }
    at += 1;
  }
  return fail(text, start, 'the attribute reference is not closed; add "]" after the attribute path');
}

/** Splits expression text into tokens; the last one is always `end`. */
export function tokenizeExpression(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      at += 1;
      continue;
    }
    let token: Token;
    if (char === '"') token = readString(text, at);
    else if (char === '[') token = readReference(text, at);
    else if (char === '(' || char === ')' || char === ',') token = { kind: char, text: char, position: at };
    else if ((char === '=' || char === '!') && text[at + 1] === '=')
      token = { kind: `${char}=`, text: `${char}=`, position: at };
    else if (char === '=') return fail(text, at, 'a single "=" is not an operator; compare with == (or !=)');
    else {
      NAME.lastIndex = at;
      NUMBER.lastIndex = at;
      const name = NAME.exec(text)?.[0];
      const number = name === undefined ? NUMBER.exec(text)?.[0] : undefined;
      if (name !== undefined) token = { kind: 'name', text: name, position: at };
      else if (number !== undefined)
        token = { kind: 'number', text: number, value: Number(number), position: at };
      else if (char === "'") return fail(text, at, 'strings are written in double quotes: "text"');
      else return fail(text, at, `unexpected character "${char}"`);
    }
    tokens.push(token);
    at = token.kind === 'reference' ? token.position + token.text.length + 2 : at + token.text.length;
  }
  tokens.push({ kind: 'end', text: '', position: text.length });
  return tokens;
}
