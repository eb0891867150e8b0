import { describe, expect, it } from '@jest/globals';
import { ScimError } from '../errors/scim-error.js';
import { fillFilterTemplate } from './fill-filter-template.js';
import { compileFilter } from './compile-filter.js';
import { parseFilter } from './parse-filter.js';

describe('fillFilterTemplate', () => {
  it('keeps an injection attempt inside one string literal', () => {
    const attack = 'x" or userName pr or userName eq "y';
    const text = fillFilterTemplate('userName eq "%s"', attack);
    expect(parseFilter(text)).toEqual({
      kind: 'comparison',
      path: { attribute: 'userName' },
      operator: 'eq',
      value: attack,
    });
    // The filled filter matches only a user literally named like the attack string.
    const matches = compileFilter(text);
    expect(matches({ userName: 'alice' })).toBe(false);
    expect(matches({ userName: attack })).toBe(true);
  });

  it('escapes backslashes, control characters and closing brackets of value filters', () => {
    for (const value of ['C:\\temp\\', 'line\nbreak\ttab\u0000nul', 'a"]) or (x pr', '\\"', 'é😀\u2028']) {
      const text = fillFilterTemplate('emails[value eq "%s" and type eq "work"]', value);
      const parsed = parseFilter(text);
      expect(parsed).toMatchObject({
        kind: 'valuePath',
        filter: { kind: 'and', left: { value }, right: { value: 'work' } },
      });
    }
  });

  it('fills every placeholder with one value, or each with its own from an array', () => {
    expect(fillFilterTemplate('userName eq "%s" or emails.value eq "%s"', 'a"b')).toBe(
      'userName eq "a\\"b" or emails.value eq "a\\"b"',
    );
    expect(fillFilterTemplate('userName eq "%s" and externalId eq "%s"', ['bob', 'E-1'])).toBe(
      'userName eq "bob" and externalId eq "E-1"',
    );
    expect(fillFilterTemplate('employeeNumber eq "%s"', 701984)).toBe('employeeNumber eq "701984"');
  });

  it('fills placeholders inside a longer string and keeps %% and escapes of the template', () => {
    expect(
      fillFilterTemplate('userName eq "%s@example.com" and title eq "100%% \\"%s\\""', ['bob', 'sure']),
    ).toBe('userName eq "bob@example.com" and title eq "100% \\"sure\\""');
  });

  it('refuses templates that would let the value escape its literal or that do not fit the values', () => {
    expect(() => fillFilterTemplate('userName eq %s', 'bob')).toThrow(/outside a quoted string/);
    expect(() => fillFilterTemplate('userName eq "bob"', 'bob')).toThrow(/no "%s" placeholder/);
    expect(() => fillFilterTemplate('a eq "%s" and b eq "%s"', ['one'])).toThrow(
      /more %s placeholders than the 1 values/,
    );
    expect(() => fillFilterTemplate('a eq "%s"', ['one', 'two'])).toThrow(
      /has 1 %s placeholders, but 2 values/,
    );
    expect(() => fillFilterTemplate('userName equals "%s"', 'bob')).toThrow(ScimError);
    expect(() => fillFilterTemplate('a eq "%s"', {} as unknown as string)).toThrow(
      /string, number or boolean/,
    );
  });
});
