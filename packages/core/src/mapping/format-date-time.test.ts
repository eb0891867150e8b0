import { describe, expect, it } from '@jest/globals';
import { USER_SCHEMA, type ScimResource } from '@idsync/scim';
import { compileExpression } from './compile-expression.js';
import { MappingExpressionError } from './mapping-expression-error.js';

function evaluate(text: string, attributes: Record<string, unknown> = {}) {
  return compileExpression(text).evaluate({ schemas: [USER_SCHEMA], ...attributes } as ScimResource);
}

function format(value: string, ...formats: string[]) {
  return evaluate(`FormatDateTime([title], ${formats.map((f) => JSON.stringify(f)).join(', ')})`, {
    title: value,
  });
}

describe('FormatDateTime with ISO 8601 input', () => {
  it('writes the tokens of a custom pattern, in UTC', () => {
    expect(format('2024-03-05T07:08:09.123+02:00', 'yyyy-MM-dd HH:mm:ss.fff')).toBe(
      '2024-03-05 05:08:09.123',
    );
    expect(format('2024-03-05T07:08:09Z', 'd/M/yy H:m:s')).toBe('5/3/24 7:8:9');
    expect(format('2024-03-05T15:04:00Z', 'hh:mm tt')).toBe('03:04 PM');
  });
  it('keeps T, Z, non-letters and quoted text literal', () => {
    expect(format('2024-03-05T07:08:09Z', "yyyyMMdd'T'HHmmssZ 'at' K zzz")).toBe(
      '20240305T070809Z at Z +00:00',
    );
  });
  it('accepts a date alone, a space separator and offsets without colon', () => {
    expect(format('2024-02-29', 'yyyyMMdd')).toBe('20240229');
    expect(format('2024-02-29 23:30:00-0130', 'yyyy-MM-dd HH:mm')).toBe('2024-03-01 01:00');
  });
  it('keeps years below 100 as they are instead of moving them to the 1900s', () => {
    expect(format('0099-02-28T12:00:00Z', 'yyyy-MM-dd')).toBe('0099-02-28');
    expect(format('0004-02-29', 'yyyy-MM-dd')).toBe('0004-02-29');
  });
  it('writes named formats', () => {
    const value = '2024-03-05T07:08:09.5Z';
    expect(format(value, 'iso')).toBe('2024-03-05T07:08:09.500Z');
    expect(format(value, 's')).toBe('2024-03-05T07:08:09');
    expect(format(value, 'u')).toBe('2024-03-05 07:08:09Z');
    expect(format(value, 'date')).toBe('2024-03-05');
    expect(format(value, 'generalizedTime')).toBe('20240305070809Z');
    expect(format(value, 'unix')).toBe('1709622489');
    expect(format(value, 'unixMs')).toBe('1709622489500');
    expect(format(value, 'fileTime')).toBe('133540960895000000');
  });
  it('returns null for null and formats each element of a list', () => {
    expect(evaluate('FormatDateTime([title], "yyyy")')).toBeNull();
    expect(
      evaluate('FormatDateTime(Split([title], ","), "yyyy")', { title: '2020-01-01,2021-06-30' }),
    ).toEqual(['2020', '2021']);
  });
});

describe('FormatDateTime with an input format', () => {
  it('reads Active Directory generalized time with a custom pattern', () => {
    expect(format('20240531102030.0Z', 'yyyyMMddHHmmss.fZ', 'yyyy-MM-dd')).toBe('2024-05-31');
  });
  it('reads named input formats', () => {
    expect(format('20240531102030+0200', 'generalizedTime', 'iso')).toBe('2024-05-31T08:20:30.000Z');
    expect(format('1709622489', 'unix', 'iso')).toBe('2024-03-05T07:08:09.000Z');
    expect(format('133540960895000000', 'fileTime', 'iso')).toBe('2024-03-05T07:08:09.500Z');
  });
  it('reads the Active Directory "never" FILETIME values as null', () => {
    expect(format('9223372036854775807', 'fileTime', 'iso')).toBeNull();
    expect(format('0', 'fileTime', 'iso')).toBeNull();
  });
  it('reads day-first and 12-hour layouts', () => {
    expect(format('31.12.1999 11:59 PM', 'dd.MM.yyyy hh:mm tt', 'iso')).toBe('1999-12-31T23:59:00.000Z');
    expect(format('1/2/2024', 'd/M/yyyy', 'date')).toBe('2024-02-01');
  });
});

describe('FormatDateTime errors', () => {
  it('refuses a pattern with unsupported or mistyped tokens when compiled, pointing at the format', () => {
    let error: unknown;
    try {
      compileExpression('FormatDateTime([title], "YYYY-MM-DD")');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MappingExpressionError);
    expect((error as MappingExpressionError).reason).toMatch(/"Y" has no meaning.*case-sensitive/);
    expect((error as MappingExpressionError).position).toBe(24);
    expect(() => compileExpression('FormatDateTime([title], "MMMM")')).toThrow(/"MMMM" is not supported/);
    expect(() => compileExpression('FormatDateTime([title], "HHmm", "date")')).toThrow(/must contain a year/);
  });
  it('fails on data that is not a date, saying what was expected', () => {
    expect(() => format('yesterday', 'yyyy')).toThrow(/"yesterday" is not an ISO 8601 date/);
    expect(() => format('2024-13-01', 'yyyy')).toThrow(/the month is out of range/);
    expect(() => format('2023-02-29', 'yyyy')).toThrow(/the day is out of range/);
    expect(() => format('2024-05-31', 'yyyyMMddHHmmss.fZ', 'iso')).toThrow(/does not match the input format/);
  });
  it('quotes only the start of a long value in the error message', () => {
    const long = 'x'.repeat(5000);
    let message = '';
    try {
      format(long, 'yyyy');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`"${'x'.repeat(40)}…" is not an ISO 8601 date`);
    expect(message.length).toBeLessThan(400);
  });
});
