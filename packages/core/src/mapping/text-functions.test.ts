import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { USER_SCHEMA, type ScimResource } from '@idsync/scim';
import { compileExpression } from './compile-expression.js';
import { MappingExpressionError } from './mapping-expression-error.js';

function evaluate(text: string, attributes: Record<string, unknown> = {}) {
  return compileExpression(text).evaluate({ schemas: [USER_SCHEMA], ...attributes } as ScimResource);
}

function compileError(text: string): MappingExpressionError {
  try {
    compileExpression(text);
  } catch (error) {
    if (error instanceof MappingExpressionError) return error;
    throw error;
  }
  throw new Error(`expected "${text}" not to compile`);
}

describe('Append', () => {
  it('appends the suffix', () => {
    expect(evaluate('Append([userName], "@example.org")', { userName: 'bjensen' })).toBe(
      'bjensen@example.org',
    );
  });
  it('returns null for a null source and ignores a null suffix', () => {
    expect(evaluate('Append([nickName], "@x")')).toBeNull();
    expect(evaluate('Append([userName], [nickName])', { userName: 'a' })).toBe('a');
  });
  it('appends to every element of a list and converts numbers to text', () => {
    expect(evaluate('Append([emails.value], "!")', { emails: [{ value: 'a' }, { value: 'b' }] })).toEqual([
      'a!',
      'b!',
    ]);
    expect(evaluate('Append(42, "x")')).toBe('42x');
  });
});

describe('ToLower / ToUpper', () => {
  it('changes case', () => {
    expect(evaluate('ToLower("ÀBC Straße")')).toBe('àbc straße');
    expect(evaluate('ToUpper("straße")')).toBe('STRASSE');
  });
  it('honours a culture', () => {
    expect(evaluate('ToUpper("istanbul", "tr-TR")')).toBe('İSTANBUL');
    expect(evaluate('ToLower("I", "tr-TR")')).toBe('ı');
    expect(evaluate('ToLower("I")')).toBe('i');
  });
  it('returns null for null and maps lists', () => {
    expect(evaluate('ToLower([title])')).toBeNull();
    expect(evaluate('ToUpper([emails.value])', { emails: [{ value: 'a@x' }, { value: 'b@y' }] })).toEqual([
      'A@X',
      'B@Y',
    ]);
  });
  it('refuses an invalid culture when the expression is compiled', () => {
    const error = compileError('ToLower("A", "not a tag!")');
    expect(error.reason).toMatch(/not a valid language tag/);
    expect(error.position).toBe(13);
  });
});

describe('Trim / StripSpaces', () => {
  it('Trim removes outer white space only', () => {
    expect(evaluate('Trim("  a b  ")')).toBe('a b');
  });
  it('StripSpaces removes every white-space character, tabs and no-break spaces too', () => {
    expect(evaluate('StripSpaces([displayName])', { displayName: ' Anna\tMaria\u00a0van  Dijk ' })).toBe(
      'AnnaMariavanDijk',
    );
  });
  it('return null for null', () => {
    expect(evaluate('Trim([title])')).toBeNull();
    expect(evaluate('StripSpaces([title])')).toBeNull();
  });
});

describe('NormalizeDiacritics', () => {
  it('makes names ASCII-safe for user names', () => {
    expect(
      evaluate('ToLower(NormalizeDiacritics([name.familyName]))', {
        name: { familyName: 'Ørsted-Łukasiewicz' },
      }),
    ).toBe('orsted-lukasiewicz');
  });
  it('returns null for null', () => {
    expect(evaluate('NormalizeDiacritics([title])')).toBeNull();
  });
});

describe('Replace', () => {
  it('replaces every occurrence of plain text', () => {
    expect(evaluate('Replace("a.b.c", ".", "")')).toBe('abc');
  });
  it('treats pattern characters and $ sequences as plain text', () => {
    expect(evaluate('Replace("a+b (x)", "(x)", "$&$1")')).toBe('a+b $&$1');
  });
  it('leaves the source unchanged for an empty find and returns null for a null source', () => {
    expect(evaluate('Replace("abc", "", "x")')).toBe('abc');
    expect(evaluate('Replace([title], "a", "b")')).toBeNull();
  });
  it('refuses a result larger than the limit before building it', () => {
    expect(() =>
      evaluate('Replace([userName], "a", [displayName])', {
        userName: 'a'.repeat(1000),
        displayName: 'b'.repeat(1000),
      }),
    ).toThrow(/Replace would produce 1000000 characters/);
  });
});

describe('Left', () => {
  it('returns the first characters, or all of a shorter text', () => {
    expect(evaluate('Left("Barbara", 3)')).toBe('Bar');
    expect(evaluate('Left("Al", 5)')).toBe('Al');
    expect(evaluate('Left("Al", 0)')).toBe('');
  });
  it('counts code points, so an emoji is never cut in half', () => {
    expect(evaluate('Left("👍🏽ok", 1)')).toBe('👍');
  });
  it('returns null for null and refuses a negative or fractional count', () => {
    expect(evaluate('Left([title], 2)')).toBeNull();
    expect(compileError('Left("abc", -1)').reason).toMatch(/count must be a whole number/);
    expect(compileError('Left("abc", 1.5)').reason).toMatch(/count must be a whole number/);
  });
  it('accepts a count computed from data, and fails clearly when it is not a number', () => {
    expect(evaluate('Left("abcdef", [nickName])', { nickName: '2' })).toBe('ab');
    expect(() => evaluate('Left("abcdef", [nickName])', { nickName: 'two' })).toThrow(
      /count must be a whole number/,
    );
  });
});

describe('Mid (counts from 1)', () => {
  it('returns length characters from start', () => {
    expect(evaluate('Mid("Barbara", 2, 3)')).toBe('arb');
  });
  it('stops at the end, and returns "" beyond it', () => {
    expect(evaluate('Mid("abc", 2, 10)')).toBe('bc');
    expect(evaluate('Mid("abc", 10, 2)')).toBe('');
  });
  it('refuses start 0 and says how to count from 0', () => {
    expect(compileError('Mid("abc", 0, 1)').reason).toMatch(/counts characters from 1.*Substring/);
  });
  it('returns null for null', () => {
    expect(evaluate('Mid([title], 1, 1)')).toBeNull();
  });
});

describe('Substring (counts from 0)', () => {
  it('returns characters from start, to the end when length is omitted', () => {
    expect(evaluate('Substring("Barbara", 0, 3)')).toBe('Bar');
    expect(evaluate('Substring("Barbara", 3)')).toBe('bara');
    expect(evaluate('Substring("abc", 5, 1)')).toBe('');
  });
  it('returns null for null', () => {
    expect(evaluate('Substring([title], 0, 1)')).toBeNull();
  });
});

describe('text functions on arbitrary data', () => {
  it('property: never throw, and treat the value as data, not as expression text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), (text) => {
        const source = { userName: text };
        expect(evaluate('ToLower([userName])', source)).toBe(text.toLowerCase());
        expect(evaluate('ToUpper([userName])', source)).toBe(text.toUpperCase());
        expect(evaluate('StripSpaces([userName])', source)).not.toMatch(/\s/);
        expect(typeof evaluate('NormalizeDiacritics([userName])', source)).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});
