import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatFilter, parseFilter } from '@idsync/scim';
import { parseClientFilter, quoteBareValues } from './parse-client-filter.js';

describe('quoteBareValues', () => {
  it.each([
    ['externalId eq 1234-abc', 'externalId eq "1234-abc"'],
    ['userName eq ada and active eq true', 'userName eq "ada" and active eq true'],
    ['emails[type eq work]', 'emails[type eq "work"]'],
    ['(title co eng)', '(title co "eng")'],
    ['count gt 42', 'count gt 42'],
    ['userName eq "already quoted" or x eq y', 'userName eq "already quoted" or x eq "y"'],
    ['name eq "with \\" quote" and id eq abc', 'name eq "with \\" quote" and id eq "abc"'],
  ])('%s → %s', (input, expected) => {
    expect(quoteBareValues(input)).toBe(expected);
  });
});

describe('parseClientFilter', () => {
  it('parses valid filters exactly as the RFC parser does', () => {
    const attribute = fc.constantFrom('userName', 'title', 'emails.value', 'externalId');
    const operator = fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt');
    const value = fc.string({ maxLength: 12 });
    fc.assert(
      fc.property(attribute, operator, value, (a, o, v) => {
        const text = `${a} ${o} ${JSON.stringify(v)}`;
        expect(parseClientFilter(text)).toEqual(parseFilter(text));
      }),
    );
  });

  it('reads a bare word value as the string it spells', () => {
    const word = fc
      .stringMatching(/^[A-Za-z][\w.@-]{0,15}$/)
      .filter((w) => !/^(true|false|null|and|or|not)$/i.test(w));
    fc.assert(
      fc.property(word, (w) => {
        expect(parseClientFilter(`externalId eq ${w}`)).toEqual(
          parseFilter(`externalId eq ${JSON.stringify(w)}`),
        );
      }),
    );
  });

  it('keeps the original invalidFilter error when quoting does not help', () => {
    expect(() => parseClientFilter('userName eq')).toThrow(
      expect.objectContaining({ scimType: 'invalidFilter' }),
    );
    expect(() => parseClientFilter('userName zz value')).toThrow(/position/);
    expect(formatFilter(parseClientFilter('userName eq ada'))).toBe('userName eq "ada"');
  });
});
