import type { DateTimePattern } from './date-time-pattern.js';
import { FunctionFailure } from './expression-function.js';
import { showValue } from './expression-coercion.js';

/** Calendar fields read from a date/time text, before they are checked. */
export interface DateTimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** Minutes east of UTC of the text's time zone. */
  offsetMinutes: number;
}

/** Milliseconds for UTC calendar fields; also right for years 0–99, which Date.UTC would move to 19xx. */
export function utcMillis(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // 2000 is a leap year like year 0, so 29 February survives the move to the real year.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  date.setUTCFullYear(year);
  return date.getTime();
}

/** Checks calendar fields and returns the instant; FunctionFailure naming the bad field. */
export function checkedUtcMillis(input: string, fields: DateTimeFields): number {
  const { year, month, day, hour, minute, second, ms, offsetMinutes } = fields;
  const daysInMonth = month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  const problem =
    month < 1 || month > 12
      ? 'month'
      : day < 1 || day > daysInMonth
        ? 'day'
        : hour > 23
          ? 'hour'
          : minute > 59
            ? 'minute'
            : second > 59
              ? 'second'
              : undefined;
  if (problem)
    throw new FunctionFailure(
      `${showValue(input)} is not a valid date/time: the ${problem} is out of range`,
      0,
    );
  return utcMillis(year, month, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** `Z`, `+02:00`, `+0200` or `+02` at `at`; returns minutes east of UTC and the end offset. */
export function readOffset(input: string, at: number): { minutes: number; end: number } | undefined {
  if (input[at] === 'Z' || input[at] === 'z') return { minutes: 0, end: at + 1 };
  const match = /^([+-])(\d{2})(?::?(\d{2}))?/.exec(input.slice(at, at + 6));
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? '0');
  if (hours > 23 || minutes > 59) return undefined;
  return { minutes: (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes), end: at + match[0].length };
}

/** Parses text laid out as `pattern`; FunctionFailure saying where it does not fit. */
export function parseWithPattern(pattern: DateTimePattern, input: string): number {
  const fields: DateTimeFields = {
    year: NaN,
    month: 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
    ms: 0,
    offsetMinutes: 0,
  };
  let pm: boolean | undefined;
  let at = 0;
  const misfit = (what: string): never => {
    throw new FunctionFailure(
      `${showValue(input)} does not match the input format "${pattern.text}": expected ${what} at position ${at}`,
      0,
    );
  };
  const digits = (min: number, max: number, what: string): number => {
    let end = at;
    while (end < input.length && end - at < max && input[end]! >= '0' && input[end]! <= '9') end++;
    if (end - at < min) misfit(what);
    const value = Number(input.slice(at, end));
    at = end;
    return value;
  };
  for (const part of pattern.parts) {
    if (part.kind === 'literal') {
      if (!input.startsWith(part.text, at)) misfit(`"${part.text}"`);
      at += part.text.length;
      continue;
    }
    const fixed = part.width === 2;
    switch (part.field) {
      case 'year4':
        fields.year = digits(4, 4, 'a four-digit year');
        break;
      case 'year2': {
        const y = digits(2, 2, 'a two-digit year');
        fields.year = y < 50 ? 2000 + y : 1900 + y;
        break;
      }
      case 'month':
        fields.month = digits(fixed ? 2 : 1, 2, 'a month');
        break;
      case 'day':
        fields.day = digits(fixed ? 2 : 1, 2, 'a day');
        break;
      case 'hour24':
        fields.hour = digits(fixed ? 2 : 1, 2, 'an hour');
        break;
      case 'hour12': {
        const hour = digits(fixed ? 2 : 1, 2, 'an hour from 1 to 12');
        if (hour < 1 || hour > 12) misfit('an hour from 1 to 12');
        fields.hour = hour % 12;
        break;
      }
      case 'minute':
        fields.minute = digits(fixed ? 2 : 1, 2, 'minutes');
        break;
      case 'second':
        fields.second = digits(fixed ? 2 : 1, 2, 'seconds');
        break;
      case 'fraction': {
        const start = at;
        digits(1, 9, 'a fraction of a second');
        fields.ms = Number(input.slice(start, at).padEnd(3, '0').slice(0, 3));
        break;
      }
      case 'ampm': {
        const marker = input.slice(at, at + 2).toUpperCase();
        if (marker !== 'AM' && marker !== 'PM') misfit('AM or PM');
        pm = marker === 'PM';
        at += 2;
        break;
      }
      case 'offset':
      case 'utc': {
        const offset = readOffset(input, at) ?? misfit('a time zone (Z or +hh:mm)');
        fields.offsetMinutes = offset.minutes;
        at = offset.end;
        break;
      }
    }
  }
  if (at !== input.length) misfit('the end of the value');
  if (Number.isNaN(fields.year))
    throw new FunctionFailure(`the input format "${pattern.text}" has no year (yyyy)`, 0);
  if (pm !== undefined && pm) fields.hour += 12;
  return checkedUtcMillis(input, fields);
}
