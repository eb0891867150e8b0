import { mapText, showValue, toOptionText } from './expression-coercion.js';
import { FunctionFailure, type EagerFunction } from './expression-function.js';
import type { ExpressionValue } from './mapping-value.js';
import { compileDateTimePattern, formatWithPattern } from './date-time-pattern.js';
import { checkedUtcMillis, parseWithPattern, readOffset } from './parse-date-time.js';

/** 100-nanosecond ticks between 1601-01-01 (Windows FILETIME epoch) and 1970-01-01. */
const FILETIME_EPOCH_OFFSET = 116_444_736_000_000_000n;
/** Active Directory's "never" values for FILETIME attributes such as accountExpires. */
const FILETIME_NEVER = new Set(['0', '9223372036854775807']);

type Reader = (text: string) => number | null;
type Writer = (millis: number) => string;

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const GENERALIZED_TIME =
  /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,](\d{1,9}))?(Z|[+-]\d{2}(?:\d{2})?)$/;

/** Fields matched by ISO_8601 or GENERALIZED_TIME (same group layout) to an instant. */
function fromMatch(input: string, match: RegExpExecArray): number {
  const offset = match[8] === undefined ? { minutes: 0 } : readOffset(match[8], 0);
  return checkedUtcMillis(input, {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: Number(match[4] ?? 0),
    minute: Number(match[5] ?? 0),
    second: Number(match[6] ?? 0),
    ms: Number((match[7] ?? '0').padEnd(3, '0').slice(0, 3)),
    offsetMinutes: offset?.minutes ?? 0,
  });
}

function readIso(text: string): number {
  const match = ISO_8601.exec(text);
  if (!match) {
    throw new FunctionFailure(
      `${showValue(text)} is not an ISO 8601 date/time such as 2024-05-31 or 2024-05-31T08:00:00Z; pass the input format as the second argument`,
      0,
    );
  }
  return fromMatch(text, match);
}

function readNumber(text: string, unit: number, name: string): number {
  if (!/^-?\d{1,16}(?:\.\d+)?$/.test(text))
    throw new FunctionFailure(`${showValue(text)} is not a ${name} timestamp (a number)`, 0);
  return Math.round(Number(text) * unit);
}

function readFileTime(text: string): number | null {
  if (!/^\d{1,19}$/.test(text))
    throw new FunctionFailure(
      `${showValue(text)} is not a Windows FILETIME (a count of 100 ns since 1601)`,
      0,
    );
  if (FILETIME_NEVER.has(text)) return null;
  return Number((BigInt(text) - FILETIME_EPOCH_OFFSET) / 10_000n);
}

const NAMED_READERS: Record<string, Reader> = {
  iso: readIso,
  o: readIso,
  s: readIso,
  u: readIso,
  date: readIso,
  generalizedtime: (text) => {
    const match = GENERALIZED_TIME.exec(text);
    if (!match)
      throw new FunctionFailure(
        `${showValue(text)} is not an LDAP generalized time such as 20240531080000Z`,
        0,
      );
    return fromMatch(text, match);
  },
  unix: (text) => readNumber(text, 1000, 'Unix seconds'),
  unixms: (text) => readNumber(text, 1, 'Unix milliseconds'),
  filetime: readFileTime,
};

const pattern = (text: string): Writer => {
  const compiled = compileDateTimePattern(text);
  return (millis) => formatWithPattern(compiled, millis);
};

const NAMED_WRITERS: Record<string, Writer> = {
  iso: (millis) => new Date(millis).toISOString(),
  o: (millis) => new Date(millis).toISOString(),
  s: pattern("yyyy-MM-dd'T'HH:mm:ss"),
  u: pattern('yyyy-MM-dd HH:mm:ssZ'),
  date: pattern('yyyy-MM-dd'),
  generalizedtime: pattern('yyyyMMddHHmmssZ'),
  unix: (millis) => String(Math.floor(millis / 1000)),
  unixms: (millis) => String(millis),
  filetime: (millis) => {
    const ticks = BigInt(millis) * 10_000n + FILETIME_EPOCH_OFFSET;
    if (ticks < 0n) throw new FunctionFailure('dates before 1601 have no Windows FILETIME');
    return ticks.toString();
  },
};

/** Named formats, for the function reference. */
export const NAMED_DATE_FORMATS = [
  'iso',
  'o',
  's',
  'u',
  'date',
  'generalizedTime',
  'unix',
  'unixMs',
  'fileTime',
] as const;

/** Compiled formats by text, so the same literal format is compiled once per process. */
const readerCache = new Map<string, Reader>();
const writerCache = new Map<string, Writer>();
const CACHE_LIMIT = 512;

function cached<T>(cache: Map<string, T>, key: string, build: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = build();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
  }
  return value;
}

function inputReader(format: string, argumentIndex: number): Reader {
  return cached(readerCache, format, () => {
    const named = NAMED_READERS[format.toLowerCase()];
    if (named) return named;
    const compiled = withIndex(() => compileDateTimePattern(format), argumentIndex);
    const fields = new Set(compiled.parts.map((part) => (part.kind === 'field' ? part.field : '')));
    if (!(fields.has('year4') || fields.has('year2')) || !fields.has('month') || !fields.has('day')) {
      throw new FunctionFailure(
        `the input format "${format}" must contain a year (yyyy), a month (MM) and a day (dd)`,
        argumentIndex,
      );
    }
    return (text) => parseWithPattern(compiled, text);
  });
}

function outputWriter(format: string, argumentIndex: number): Writer {
  if (format === '')
    throw new FunctionFailure(
      'the output format is empty; use a pattern such as "yyyy-MM-dd" or a named format',
      argumentIndex,
    );
  return cached(
    writerCache,
    format,
    () => NAMED_WRITERS[format.toLowerCase()] ?? withIndex(() => pattern(format), argumentIndex),
  );
}

function withIndex<T>(build: () => T, argumentIndex: number): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof FunctionFailure && error.argumentIndex === undefined)
      throw new FunctionFailure(error.message, argumentIndex);
    throw error;
  }
}

function formats(args: readonly (ExpressionValue | undefined)[]): {
  input: number | undefined;
  output: number;
} {
  return args.length >= 3 ? { input: 1, output: 2 } : { input: undefined, output: 1 };
}

export const FORMAT_DATE_TIME: EagerFunction = {
  name: 'FormatDateTime',
  signature: 'FormatDateTime(value, inputFormat?, outputFormat)',
  summary:
    'rewrites a date/time (ISO 8601 unless inputFormat says otherwise) in outputFormat, in UTC; null → null',
  minArgs: 2,
  maxArgs: 3,
  checkLiterals: (literals) => {
    const { input, output } = formats(literals);
    const inputFormat = input === undefined ? undefined : literals[input];
    if (typeof inputFormat === 'string') inputReader(inputFormat, input!);
    const outputFormat = literals[output];
    if (typeof outputFormat === 'string') outputWriter(outputFormat, output);
  },
  evaluate: (args) => {
    const { input, output } = formats(args);
    const read =
      input === undefined
        ? readIso
        : inputReader(toOptionText(args[input]!, 'the input format', input) || 'iso', input);
    const write = outputWriter(toOptionText(args[output]!, 'the output format', output), output);
    return mapText(args[0]!, (text) => {
      const millis = read(text.trim());
      if (millis === null) return null;
      if (!Number.isFinite(millis) || Math.abs(millis) > 8.64e15)
        throw new FunctionFailure(`${showValue(text)} is outside the range of dates`, 0);
      return write(millis);
    });
  },
};
