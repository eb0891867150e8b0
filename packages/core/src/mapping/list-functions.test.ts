import { describe, expect, it } from '@jest/globals';
import { USER_SCHEMA, type ScimResource } from '@idsync/scim';
import { compileExpression } from './compile-expression.js';
import { EXPRESSION_LIMITS } from './expression-limits.js';
import { MappingExpressionError } from './mapping-expression-error.js';

function evaluate(text: string, attributes: Record<string, unknown> = {}) {
  return compileExpression(text).evaluate({ schemas: [USER_SCHEMA], ...attributes } as ScimResource);
}

const person = { name: { givenName: 'Barbara', middleName: '', familyName: 'Jensen' } };

describe('Join', () => {
  it('joins values with the separator, skipping null and empty ones', () => {
    expect(
      evaluate('Join(" ", [name.givenName], [name.middleName], [name.familyName], [nickName])', person),
    ).toBe('Barbara Jensen');
  });
  it('flattens lists and converts numbers and booleans to text', () => {
    expect(evaluate('Join(",", [emails.value], 7, true)', { emails: [{ value: 'a' }, { value: 'b' }] })).toBe(
      'a,b,7,true',
    );
  });
  it('returns null when nothing is left to join', () => {
    expect(evaluate('Join("-", [nickName], "")')).toBeNull();
  });
  it('treats a null separator as none', () => {
    expect(evaluate('Join([title], "a", "b")')).toBe('ab');
  });
  it('refuses to build a string larger than the limit, naming the limit', () => {
    const values = Array.from({ length: 5000 }, (_, index) => ({ value: `${index}`.padStart(20, 'x') }));
    let error: unknown;
    try {
      evaluate('Join(";", [emails.value])', { emails: values });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MappingExpressionError);
    expect((error as MappingExpressionError).phase).toBe('evaluate');
    expect((error as MappingExpressionError).reason).toContain(
      `more than ${EXPRESSION_LIMITS.maxStringLength} characters`,
    );
  });
});

describe('Split', () => {
  it('splits into a list, leaving out empty parts', () => {
    expect(evaluate('Split("admin,,users,", ",")')).toEqual(['admin', 'users']);
  });
  it('splits every element of a list', () => {
    expect(evaluate('Split([emails.value], "@")', { emails: [{ value: 'a@x' }, { value: 'b@y' }] })).toEqual([
      'a',
      'x',
      'b',
      'y',
    ]);
  });
  it('returns null for null and refuses an empty separator at compile time', () => {
    expect(evaluate('Split([title], ",")')).toBeNull();
    expect(() => compileExpression('Split("a", "")')).toThrow(/separator must not be empty/);
  });
  it('refuses more parts than a list may hold', () => {
    const text = 'a,'.repeat(EXPRESSION_LIMITS.maxListLength + 1);
    expect(() => evaluate('Split([title], ",")', { title: text })).toThrow(/more than 10000 values/);
  });
});

describe('Coalesce', () => {
  it('returns the first value that is not null, "" or an empty list', () => {
    expect(evaluate('Coalesce([nickName], [name.middleName], [name.givenName], "x")', person)).toBe(
      'Barbara',
    );
  });
  it('returns null when every value is empty', () => {
    expect(evaluate('Coalesce([nickName], "")')).toBeNull();
  });
  it('does not evaluate the values after the first non-empty one', () => {
    // The second argument would fail on this data; Coalesce never gets to it.
    expect(
      evaluate('Coalesce([userName], FormatDateTime([title], "yyyy"))', {
        userName: 'u',
        title: 'not a date',
      }),
    ).toBe('u');
    expect(() =>
      evaluate('Coalesce([nickName], FormatDateTime([title], "yyyy"))', { title: 'not a date' }),
    ).toThrow(/not an ISO 8601 date/);
  });
});
