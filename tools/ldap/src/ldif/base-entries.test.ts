import { describe, expect, it } from '@jest/globals';

import { SlapdToolError } from '../errors/slapd-tool-error.js';
import { baseEntries, parseFirstRdn } from './base-entries.js';

describe('parseFirstRdn', () => {
  it('takes the attribute and value before the first unescaped comma', () => {
    expect(parseFirstRdn('dc=example,dc=org')).toEqual({ attribute: 'dc', value: 'example' });
    expect(parseFirstRdn('o=Acme\\, Inc.,c=US')).toEqual({ attribute: 'o', value: 'Acme, Inc.' });
    expect(parseFirstRdn('o=Caf\\C3\\A9,dc=org')).toEqual({ attribute: 'o', value: 'Café' });
  });

  it('refuses multi-valued and empty RDNs', () => {
    expect(() => parseFirstRdn('dc=a+o=b,dc=org')).toThrow(SlapdToolError);
    expect(() => parseFirstRdn('dc=,dc=org')).toThrow(/empty value/);
    expect(() => parseFirstRdn('example')).toThrow(/attribute=value/);
  });
});

describe('baseEntries', () => {
  it('creates a dcObject organization and the people and groups containers for a dc= suffix', () => {
    expect(baseEntries('dc=example,dc=org')).toEqual([
      {
        dn: 'dc=example,dc=org',
        attributes: { objectClass: ['top', 'dcObject', 'organization'], dc: 'example', o: 'example' },
      },
      {
        dn: 'ou=people,dc=example,dc=org',
        attributes: { objectClass: ['top', 'organizationalUnit'], ou: 'people' },
      },
      {
        dn: 'ou=groups,dc=example,dc=org',
        attributes: { objectClass: ['top', 'organizationalUnit'], ou: 'groups' },
      },
    ]);
  });

  it('follows the first RDN for o= and ou= suffixes', () => {
    expect(baseEntries('o=Acme\\, Inc.')[0]).toEqual({
      dn: 'o=Acme\\, Inc.',
      attributes: { objectClass: ['top', 'organization'], o: 'Acme, Inc.' },
    });
    expect(baseEntries('ou=tenant1,o=acme')[0]!.attributes).toEqual({
      objectClass: ['top', 'organizationalUnit'],
      ou: 'tenant1',
    });
  });

  it('rejects a suffix whose first RDN has no matching structural class, saying which forms work', () => {
    let error: unknown;
    try {
      baseEntries('cn=config-like');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SlapdToolError);
    expect((error as SlapdToolError).code).toBe('invalid-option');
    expect((error as SlapdToolError).detail).toContain('dc=, o= and ou=');
  });
});
