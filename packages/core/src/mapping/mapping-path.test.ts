import { describe, expect, it } from '@jest/globals';
import { ENTERPRISE_USER_SCHEMA } from '@idsync/scim';
import { formatMappingPath, parseMappingPath, PathSyntaxError } from './mapping-path.js';

function syntaxError(text: string): PathSyntaxError {
  try {
    parseMappingPath(text);
  } catch (error) {
    if (error instanceof PathSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected "${text}" to be refused`);
}

describe('parseMappingPath', () => {
  it('reads plain, dotted and URN-qualified paths', () => {
    expect(parseMappingPath('userName')).toEqual({ attribute: 'userName' });
    expect(parseMappingPath(' name.givenName ')).toEqual({ attribute: 'name', subAttribute: 'givenName' });
    expect(parseMappingPath(`${ENTERPRISE_USER_SCHEMA}:manager.value`)).toEqual({
      schema: ENTERPRISE_USER_SCHEMA,
      attribute: 'manager',
      subAttribute: 'value',
    });
  });
  it('reads value paths with string, number, boolean and null literals', () => {
    expect(parseMappingPath('emails[type eq "work"].value')).toEqual({
      attribute: 'emails',
      filter: { attribute: 'type', value: 'work' },
      subAttribute: 'value',
    });
    expect(parseMappingPath('phoneNumbers[ primary  EQ true ]').filter).toEqual({
      attribute: 'primary',
      value: true,
    });
    expect(parseMappingPath('x[n eq 3]').filter?.value).toBe(3);
    expect(parseMappingPath('x[n eq null].v').filter?.value).toBeNull();
    expect(parseMappingPath('x[t eq "a\\"b"].v').filter?.value).toBe('a"b');
  });
  it('formats a path canonically', () => {
    expect(formatMappingPath(parseMappingPath('emails[type EQ "work"].value'))).toBe(
      'emails[type eq "work"].value',
    );
    expect(formatMappingPath(parseMappingPath(`${ENTERPRISE_USER_SCHEMA}:department`))).toBe(
      `${ENTERPRISE_USER_SCHEMA}:department`,
    );
  });
  it('refuses operators other than eq, pointing at the operator', () => {
    const error = syntaxError('emails[value co "@x"].value');
    expect(error.offset).toBe(13);
    expect(error.reason).toMatch(/supports only "eq".*got "co"/);
  });
  it('refuses more than one comparison in a filter', () => {
    expect(syntaxError('emails[type eq "work" and primary eq true].value').reason).toMatch(
      /only one "eq" comparison/,
    );
  });
  it('refuses a schema URN without an attribute', () => {
    expect(syntaxError(ENTERPRISE_USER_SCHEMA).reason).toMatch(/names a schema, not an attribute/);
  });
  it('refuses invalid names, spaces, and text after the filter', () => {
    expect(syntaxError('1abc').reason).toMatch(/not an attribute path/);
    expect(syntaxError('user name').offset).toBe(4);
    expect(syntaxError('emails[type eq "work"]value').reason).toMatch(/only "\.subAttribute" may follow/);
    expect(syntaxError('name.givenName[type eq "x"]').reason).toMatch(
      /value filter follows the multi-valued attribute/,
    );
    expect(syntaxError('emails[type eq "work"').reason).toMatch(/expected "\]"/);
    expect(syntaxError('').reason).toMatch(/path is empty/);
  });
});
