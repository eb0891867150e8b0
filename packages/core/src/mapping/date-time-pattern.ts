import { FunctionFailure } from './expression-function.js';

type Field =
  | 'year4'
  | 'year2'
  | 'month'
  | 'day'
  | 'hour24'
  | 'hour12'
  | 'ampm'
  | 'minute'
  | 'second'
  | 'fraction'
  | 'offset'
  | 'utc';

type PatternPart =
  | { readonly kind: 'field'; readonly field: Field; readonly width: number }
  | { readonly kind: 'literal'; readonly text: string };

/**
 * A compiled custom date/time pattern in the .NET style Entra ID uses: `yyyy-MM-dd`,
 * `yyyyMMddHHmmss.fZ`. Supported tokens: yyyy yy MM M dd d HH H hh h tt mm m ss s f…fffffff
 * zzz K; text in single quotes and characters after a backslash are literal, as are `T`, `Z`
 * and every non-letter. Other letters are refused, which catches `YYYY` and `DD` mistakes.
 */
export interface DateTimePattern {
  readonly text: string;
  readonly parts: readonly PatternPart[];
}

/** Allowed run lengths per token letter, and the field each length means. */
const TOKENS: Record<string, Record<number, Field>> = {
  y: { 2: 'year2', 4: 'year4' },
  M: { 1: 'month', 2: 'month' },
  d: { 1: 'day', 2: 'day' },
  H: { 1: 'hour24', 2: 'hour24' },
  h: { 1: 'hour12', 2: 'hour12' },
  t: { 2: 'ampm' },
  m: { 1: 'minute', 2: 'minute' },
  s: { 1: 'second', 2: 'second' },
  f: {
    1: 'fraction',
    2: 'fraction',
    3: 'fraction',
    4: 'fraction',
    5: 'fraction',
    6: 'fraction',
    7: 'fraction',
  },
  z: { 3: 'offset' },
  K: { 1: 'utc' },
};

export function compileDateTimePattern(text: string): DateTimePattern {
  const parts: PatternPart[] = [];
  const literal = (value: string) => {
    const last = parts[parts.length - 1];
    if (last?.kind === 'literal') parts[parts.length - 1] = { kind: 'literal', text: last.text + value };
    else parts.push({ kind: 'literal', text: value });
  };
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (char === "'") {
      const close = text.indexOf("'", at + 1);
      if (close < 0)
        throw new FunctionFailure(`the quoted text in date format "${text}" is not closed with '`);
      literal(text.slice(at + 1, close));
      at = close + 1;
    } else if (char === '\\') {
      if (at + 1 >= text.length)
        throw new FunctionFailure(`date format "${text}" ends with a lone backslash`);
      literal(text[at + 1]!);
      at += 2;
    } else if (TOKENS[char]) {
      let run = 1;
      while (text[at + run] === char) run++;
      const field = TOKENS[char][run];
      if (!field) {
        const allowed = Object.keys(TOKENS[char])
          .map((n) => char.repeat(Number(n)))
          .join(', ');
        throw new FunctionFailure(
          `"${char.repeat(run)}" is not supported in date format "${text}"; use ${allowed}`,
        );
      }
      parts.push({ kind: 'field', field, width: run });
      at += run;
    } else if (/[A-Za-z]/.test(char) && char !== 'T' && char !== 'Z') {
      throw new FunctionFailure(
        `"${char}" has no meaning in date format "${text}" (tokens are case-sensitive: yyyy MM dd HH mm ss); put literal text in single quotes`,
      );
    } else {
      literal(char);
      at += 1;
    }
  }
  return { text, parts };
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Formats an instant (milliseconds since 1970, UTC) with a pattern; the output is in UTC. */
export function formatWithPattern(pattern: DateTimePattern, millis: number): string {
  const date = new Date(millis);
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999)
    throw new FunctionFailure(`the year ${year} cannot be written with a date format`);
  const hour = date.getUTCHours();
  let out = '';
  for (const part of pattern.parts) {
    if (part.kind === 'literal') {
      out += part.text;
      continue;
    }
    const width = part.width;
    switch (part.field) {
      case 'year4':
        out += pad(year, 4);
        break;
      case 'year2':
        out += pad(year % 100, 2);
        break;
      case 'month':
        out += pad(date.getUTCMonth() + 1, width);
        break;
      case 'day':
        out += pad(date.getUTCDate(), width);
        break;
      case 'hour24':
        out += pad(hour, width);
        break;
      case 'hour12':
        out += pad(hour % 12 || 12, width);
        break;
      case 'ampm':
        out += hour < 12 ? 'AM' : 'PM';
        break;
      case 'minute':
        out += pad(date.getUTCMinutes(), width);
        break;
      case 'second':
        out += pad(date.getUTCSeconds(), width);
        break;
      case 'fraction':
        out += pad(date.getUTCMilliseconds(), 3).padEnd(width, '0').slice(0, width);
        break;
      case 'offset':
        out += '+00:00';
        break;
      case 'utc':
        out += 'Z';
        break;
    }
  }
  return out;
}
