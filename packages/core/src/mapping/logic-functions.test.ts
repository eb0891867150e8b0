import { describe, expect, it } from '@jest/globals';
import { USER_SCHEMA, type ScimResource } from '@idsync/scim';
import { compileExpression } from './compile-expression.js';

function evaluate(text: string, attributes: Record<string, unknown> = {}) {
  return compileExpression(text).evaluate({ schemas: [USER_SCHEMA], ...attributes } as ScimResource);
}

describe('IIF', () => {
  it('chooses by the condition', () => {
    expect(evaluate('IIF([userType] == "Contractor", "ext-", "")', { userType: 'Contractor' })).toBe('ext-');
    expect(evaluate('IIF([userType] == "Contractor", "ext-", "")', { userType: 'Employee' })).toBe('');
  });
  it('counts a null condition as false and reads "true"/"false" text', () => {
    expect(evaluate('IIF([active], "on", "off")')).toBe('off');
    expect(evaluate('IIF([nickName], "on", "off")', { nickName: 'TRUE' })).toBe('on');
  });
  it('evaluates only the chosen branch', () => {
    expect(evaluate('IIF(IsPresent([title]), FormatDateTime([title], "yyyy"), "none")', { title: '' })).toBe(
      'none',
    );
  });
  it('refuses a condition that is not true or false, naming the fix', () => {
    expect(() => evaluate('IIF([userName], 1, 2)', { userName: 'bjensen' })).toThrow(
      /condition must be true or false.*==/,
    );
  });
});

describe('== and !=', () => {
  it('compare exactly, case included', () => {
    expect(evaluate('[userName] == "bjensen"', { userName: 'bjensen' })).toBe(true);
    expect(evaluate('[userName] == "BJensen"', { userName: 'bjensen' })).toBe(false);
    expect(evaluate('[userName] != "x"', { userName: 'bjensen' })).toBe(true);
  });
  it('treat null, "" and an empty list as equal', () => {
    expect(evaluate('[nickName] == ""')).toBe(true);
    expect(evaluate('[nickName] == null')).toBe(true);
    expect(evaluate('[nickName] != "x"')).toBe(true);
  });
  it('compare numbers with text by their text form', () => {
    expect(evaluate('[nickName] == 42', { nickName: '42' })).toBe(true);
  });
  it('match a list when any element matches', () => {
    expect(evaluate('[emails.type] == "work"', { emails: [{ type: 'home' }, { type: 'work' }] })).toBe(true);
    expect(evaluate('[emails.type] == "other"', { emails: [{ type: 'home' }, { type: 'work' }] })).toBe(
      false,
    );
  });
});

describe('Equals, Not, And, Or', () => {
  it('Equals can ignore case', () => {
    expect(evaluate('Equals("ABC", "abc")')).toBe(false);
    expect(evaluate('Equals("ABC", "abc", true)')).toBe(true);
  });
  it('Not negates, with null counting as false', () => {
    expect(evaluate('Not(true)')).toBe(false);
    expect(evaluate('Not([active])')).toBe(true);
  });
  it('And and Or short-circuit', () => {
    expect(evaluate('And(IsPresent([title]), FormatDateTime([title], "yyyy") == "2024")')).toBe(false);
    expect(evaluate('Or(IsNullOrEmpty([title]), FormatDateTime([title], "yyyy") == "2024")')).toBe(true);
    expect(evaluate('And(true, [active])', { active: true })).toBe(true);
  });
});

describe('IsPresent, IsNullOrEmpty, IsNull', () => {
  it('tell absent, empty and present values apart', () => {
    const source = { nickName: '', title: 'Boss' };
    expect([
      evaluate('IsPresent([title])', source),
      evaluate('IsPresent([nickName])', source),
      evaluate('IsPresent([locale])', source),
    ]).toEqual([true, false, false]);
    expect(evaluate('IsNullOrEmpty([nickName])', source)).toBe(true);
    expect(evaluate('IsNull([nickName])', source)).toBe(false);
    expect(evaluate('IsNull([locale])', source)).toBe(true);
  });
  it('see an empty multi-valued attribute as empty', () => {
    expect(evaluate('IsPresent([emails.value])', { emails: [] })).toBe(false);
  });
});

describe('Switch', () => {
  const countries = 'Switch([addresses[type eq "work"].country], "Other", "DE", "Germany", "FR", "France")';
  it('returns the value paired with the matching key', () => {
    expect(evaluate(countries, { addresses: [{ type: 'work', country: 'FR' }] })).toBe('France');
  });
  it('returns the default when no key matches, when the source is null, and compares case-sensitively', () => {
    expect(evaluate(countries, { addresses: [{ type: 'work', country: 'NL' }] })).toBe('Other');
    expect(evaluate(countries)).toBe('Other');
    expect(evaluate(countries, { addresses: [{ type: 'work', country: 'de' }] })).toBe('Other');
  });
  it('can match null with a null key', () => {
    expect(evaluate('Switch([title], "has title", null, "none")')).toBe('none');
  });
  it('maps each element of a list', () => {
    expect(
      evaluate('Switch([roles.value], "guest", "a", "admin", "u", "user")', {
        roles: [{ value: 'a' }, { value: 'u' }, { value: 'z' }],
      }),
    ).toEqual(['admin', 'user', 'guest']);
  });
  it('refuses a key without a value', () => {
    expect(() => compileExpression('Switch([title], "d", "k1", "v1", "k2")')).toThrow(
      /keys and values come in pairs/,
    );
  });
});
