import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';

import { entriesToLdif, ldifLine } from './entries-to-ldif.js';

/** Reads back one line the way an LDIF parser does (no folding is ever produced). */
function readLine(line: string): { name: string; value: string } {
  const match = /^([^:]+)(::?) ?(.*)$/s.exec(line);
  if (!match) throw new Error(`not an LDIF line: ${line}`);
  const [, name, separator, rest] = match;
  return { name: name!, value: separator === '::' ? Buffer.from(rest!, 'base64').toString('utf8') : rest! };
}

describe('ldifLine', () => {
  it('writes plain ASCII as is', () => {
    expect(ldifLine('cn', 'Alice Example')).toBe('cn: Alice Example');
    expect(ldifLine('mail', 'alice@example.org')).toBe('mail: alice@example.org');
  });

  it('base64-encodes what LDIF cannot carry plainly', () => {
    expect(ldifLine('cn', 'Zoë')).toBe(`cn:: ${Buffer.from('Zoë').toString('base64')}`);
    expect(ldifLine('description', ' leading space')).toMatch(/^description:: /);
    expect(ldifLine('description', 'trailing space ')).toMatch(/^description:: /);
    expect(ldifLine('description', ':colon first')).toMatch(/^description:: /);
    expect(ldifLine('description', '<angle first')).toMatch(/^description:: /);
    expect(ldifLine('description', 'two\nlines')).toMatch(/^description:: /);
  });

  it('round-trips any value and never lets a line break through', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const line = ldifLine('description', value);
        expect(line).not.toMatch(/[\r\n\0]/);
        expect(readLine(line)).toEqual({ name: 'description', value });
      }),
    );
  });

  it('rejects an attribute name that would corrupt the record', () => {
    expect(() => ldifLine('cn: x\ndn', 'v')).toThrow(/not an LDAP attribute name/);
  });
});

describe('entriesToLdif', () => {
  it('writes one record per entry, separated by a blank line, with every value of a multi-valued attribute', () => {
    const ldif = entriesToLdif([
      {
        dn: 'cn=g,ou=groups,dc=example,dc=org',
        attributes: { objectClass: 'groupOfNames', member: ['uid=a', 'uid=b'] },
      },
      { dn: 'uid=ré,ou=people,dc=example,dc=org', attributes: { uid: 'ré' } },
    ]);
    const records = ldif.trimEnd().split('\n\n');
    expect(records).toHaveLength(2);
    expect(records[0]!.split('\n')).toEqual([
      'dn: cn=g,ou=groups,dc=example,dc=org',
      'objectClass: groupOfNames',
      'member: uid=a',
      'member: uid=b',
    ]);
    expect(records[1]!.split('\n').map(readLine)).toEqual([
      { name: 'dn', value: 'uid=ré,ou=people,dc=example,dc=org' },
      { name: 'uid', value: 'ré' },
    ]);
  });
});
