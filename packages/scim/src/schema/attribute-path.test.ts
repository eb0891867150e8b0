import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatAttributePath, isValidAttributeName, splitAttributePath } from './attribute-path.js';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from './urns.js';

describe('isValidAttributeName (RFC 7643 §2.1)', () => {
  it.each(['userName', 'x509Certificates', 'a', 'name_2', 'cost-center', '$ref'])('accepts %s', (name) => {
    expect(isValidAttributeName(name)).toBe(true);
  });
  it.each(['', '2fa', 'first name', 'a.b', 'urn:x', '_x', '-x', 'ref$', 'ä'])('rejects %j', (name) => {
    expect(isValidAttributeName(name)).toBe(false);
  });
});

describe('splitAttributePath', () => {
  it('splits attribute and sub-attribute', () => {
    expect(splitAttributePath('userName')).toEqual({ attribute: 'userName' });
    expect(splitAttributePath('name.givenName')).toEqual({ attribute: 'name', subAttribute: 'givenName' });
    expect(splitAttributePath('members.$ref')).toEqual({ attribute: 'members', subAttribute: '$ref' });
  });

  it('splits a URN-qualified path at the last colon', () => {
    expect(splitAttributePath(`${ENTERPRISE_USER_SCHEMA}:manager.value`)).toEqual({
      schema: ENTERPRISE_USER_SCHEMA,
      attribute: 'manager',
      subAttribute: 'value',
    });
    expect(splitAttributePath(`${USER_SCHEMA}:userName`)).toEqual({
      schema: USER_SCHEMA,
      attribute: 'userName',
    });
  });

  it('returns the registered spelling of a known URN', () => {
    expect(
      splitAttributePath(`${ENTERPRISE_USER_SCHEMA.toUpperCase()}:department`, [ENTERPRISE_USER_SCHEMA]),
    ).toEqual({
      schema: ENTERPRISE_USER_SCHEMA,
      attribute: 'department',
    });
  });

  it('prefers the longest known URN', () => {
    expect(splitAttributePath('urn:acme:a:b', ['urn:acme', 'URN:Acme:A'])).toEqual({
      schema: 'URN:Acme:A',
      attribute: 'b',
    });
  });

  it.each([
    '',
    'name.',
    '.name',
    'name.given.name',
    'emails[type eq "work"]',
    'first name',
    'urn:acme:',
    `${USER_SCHEMA}:`,
    'urn:acme:1st',
  ])('returns undefined for %j', (text) => {
    expect(splitAttributePath(text)).toBeUndefined();
  });

  it('round-trips through formatAttributePath', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,10}$/);
    const urn = fc.stringMatching(/^urn:[a-z]{1,6}(:[a-z0-9.]{1,6}){0,4}$/);
    fc.assert(
      fc.property(
        fc.option(urn, { nil: undefined }),
        name,
        fc.option(name, { nil: undefined }),
        (schema, attribute, subAttribute) => {
          const path = {
            ...(schema ? { schema } : {}),
            attribute,
            ...(subAttribute ? { subAttribute } : {}),
          };
          const text = formatAttributePath(path);
          expect(splitAttributePath(text, schema ? [schema] : [])).toEqual(path);
        },
      ),
    );
  });
});
