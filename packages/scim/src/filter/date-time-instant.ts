/**
 * A point in time with nanosecond precision. SCIM dateTime values (xsd:dateTime, RFC 7643
 * §2.3.5) are compared as instants, so `2011-05-13T04:42:34Z` equals
 * `2011-05-13T06:42:34+02:00`; nanoseconds are kept because .NET-based services send seven
 * fractional digits, more than a JavaScript Date holds.
 */
export interface Instant {
  /** Whole seconds since 1970-01-01T00:00:00Z. */
  readonly seconds: number;
  /** 0 … 999 999 999. */
  readonly nanos: number;
}

/**
 * `YYYY-MM-DD` with an optional `Thh:mm:ss[.fraction]` and an optional `Z` / `±hh:mm` offset.
 * Without an offset the value is read as UTC, as most SCIM services mean it.
 */
const DATE_TIME = /^(\d{4,})-(\d\d)-(\d\d)(?:[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d+))?)?([Zz]|[+-]\d\d:\d\d)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (the civil-from-days algorithm, inverted). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * Reads a dateTime. With `requireTime` a bare date is refused: the untyped evaluator uses that
 * to recognise timestamps in data without a schema, where "2020-01-01" may be any string.
 * Returns undefined for anything that is not a valid date and time.
 */
export function parseInstant(text: string, requireTime = false): Instant | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fraction, offset] = match;
  if (requireTime && hourText === undefined) return undefined;
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const monthDays = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  if (day > monthDays) return undefined;
  const hour = Number(hourText ?? 0);
  const minute = Number(minuteText ?? 0);
  const second = Number(secondText ?? 0);
  const nanos = fraction ? Number(fraction.slice(0, 9).padEnd(9, '0')) : 0;
  // xsd:dateTime allows 24:00:00 as the end of the day; nothing else past 23:59:59.
  const endOfDay = hour === 24 && minute === 0 && second === 0 && nanos === 0;
  if ((hour > 23 && !endOfDay) || minute > 59 || second > 59) return undefined;
  let offsetSeconds = 0;
  if (offset && offset !== 'Z' && offset !== 'z') {
    const offsetHours = Number(offset.slice(1, 3));
    const offsetMinutes = Number(offset.slice(4, 6));
    if (offsetHours > 14 || offsetMinutes > 59) return undefined;
    offsetSeconds = (offset[0] === '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }
  const seconds =
    daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
  return { seconds, nanos };
}

/** Negative, zero or positive as `a` is before, at or after `b`. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.seconds !== b.seconds ? a.seconds - b.seconds : a.nanos - b.nanos;
}
