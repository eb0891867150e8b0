import { describe, expect, it } from '@jest/globals';
import { ScimError } from '../errors/scim-error.js';
import { compileElementFilter, matchesElement } from './compile-filter.js';
import { parseFilter } from './parse-filter.js';
import { parsePatchPath } from './parse-patch-path.js';
import { registry, userScope } from './test-fixtures/filter-test-registry.js';

const emailsAttribute = registry.resolveOrThrow('emails', userScope);
const emails = [
  { value: 'bjensen@example.com', type: 'work', primary: true },
  { value: 'babs@jensen.org', type: 'home' },
  { value: 'BJENSEN@EXAMPLE.ORG', type: 'Work' },
];

describe('matchesElement / compileElementFilter', () => {
  it('selects the elements a PATCH value path targets', () => {
    const { valueFilter } = parsePatchPath('emails[type eq "work" and value co "example"].value');
    const isTarget = compileElementFilter(valueFilter!, emailsAttribute);
    expect(emails.map(isTarget)).toEqual([true, false, true]);
  });

  it('accepts the attribute definition or the resolved attribute as parent', () => {
    const filter = parseFilter('primary eq true');
    expect(matchesElement(emails[0]!, filter, emailsAttribute)).toBe(true);
    expect(matchesElement(emails[0]!, filter, emailsAttribute.definition)).toBe(true);
    expect(matchesElement(emails[1]!, filter, emailsAttribute.definition)).toBe(false);
  });

  it('uses the sub-attribute types of the parent', () => {
    const x509 = registry.resolveOrThrow('x509Certificates', userScope);
    // x509Certificates.value is binary: case exact, and no ordering.
    expect(matchesElement({ value: 'TUlJQw==' }, parseFilter('value eq "tuliqw=="'), x509)).toBe(false);
    expect(() => compileElementFilter(parseFilter('value gt "A"'), x509)).toThrow(ScimError);
  });

  it('matches nothing for names that are not sub-attributes of the parent', () => {
    expect(matchesElement(emails[0]!, parseFilter('not (nosuch eq "x")'), emailsAttribute)).toBe(true);
    expect(matchesElement(emails[0]!, parseFilter('emails.type eq "work"'), emailsAttribute)).toBe(false);
  });

  it('evaluates untyped without a parent', () => {
    expect(matchesElement({ Value: 'A', rank: 2 }, parseFilter('value eq "a" and rank gt 1'))).toBe(true);
  });

  it('refuses a non-complex parent and nested value filters', () => {
    const userName = registry.resolveOrThrow('userName', userScope);
    expect(() => compileElementFilter(parseFilter('value eq "x"'), userName)).toThrow(
      /not a complex attribute/,
    );
    const nested = { kind: 'valuePath', path: { attribute: 'x' }, filter: parseFilter('y pr') } as const;
    expect(() => compileElementFilter(nested, emailsAttribute)).toThrow(/cannot be nested/);
  });
});
