import { describe, expect, it } from '@jest/globals';
import { compareInstants, parseInstant } from './date-time-instant.js';

const instant = (text: string) => {
  const parsed = parseInstant(text);
  if (!parsed) throw new Error(`"${text}" did not parse`);
  return parsed;
};

describe('parseInstant', () => {
  it('agrees with Date for millisecond timestamps', () => {
    for (const text of [
      '1970-01-01T00:00:00Z',
      '2011-05-13T04:42:34.5Z',
      '1999-12-31T23:59:59.999+05:30',
      '2400-02-29T12:00:00-11:00',
    ]) {
      const { seconds, nanos } = instant(text);
      expect(seconds * 1000 + nanos / 1e6).toBe(Date.parse(text));
    }
    // Year 1, where Date.UTC would read two-digit years as 19xx.
    expect(instant('0001-01-01T00:00:00Z').seconds).toBe(-62135596800);
  });

  it('keeps nanoseconds, reads no offset as UTC and a bare date as midnight', () => {
    expect(instant('2015-03-01T09:00:00.1234567+01:00')).toEqual({
      seconds: instant('2015-03-01T08:00:00Z').seconds,
      nanos: 123456700,
    });
    expect(instant('2011-05-13T04:42:34')).toEqual(instant('2011-05-13T04:42:34Z'));
    expect(instant('2011-05-13')).toEqual(instant('2011-05-13T00:00:00Z'));
    expect(instant('2011-05-13T24:00:00Z')).toEqual(instant('2011-05-14T00:00:00Z'));
    expect(parseInstant('2011-05-13', true)).toBeUndefined();
  });

  it('refuses impossible dates and times', () => {
    for (const text of [
      '2011-02-29T00:00:00Z',
      '2011-13-01T00:00:00Z',
      '2011-04-31',
      '2011-05-13T24:00:01Z',
      '2011-05-13T10:60:00Z',
      '2011-05-13T10:00:00+15:00',
      '13/05/2011',
      '2011-05-13T10:00Z',
      '',
    ]) {
      expect([text, parseInstant(text)]).toEqual([text, undefined]);
    }
  });

  it('orders instants by seconds, then nanoseconds', () => {
    expect(compareInstants(instant('2011-05-13T04:42:34Z'), instant('2011-05-13T06:42:34+02:00'))).toBe(0);
    expect(
      compareInstants(instant('2011-05-13T04:42:34.0000001Z'), instant('2011-05-13T04:42:34Z')),
    ).toBeGreaterThan(0);
    expect(compareInstants(instant('2011-05-13T04:42:33.9Z'), instant('2011-05-13T04:42:34Z'))).toBeLessThan(
      0,
    );
  });
});
