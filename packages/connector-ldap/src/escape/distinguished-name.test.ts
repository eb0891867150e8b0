import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  canonicalDn,
  dnKey,
  escapeDnValue,
  formatDn,
  InvalidDnError,
  isWithin,
  parentDn,
  parseDn,
  sameDn,
} from './distinguished-name.js';

describe('escapeDnValue (RFC 4514)', () => {
  it('escapes every special character as a hex pair', () => {
    expect(escapeDnValue('a,b+c"d\\e<f>g;h=i')).toBe('a\\2Cb\\2Bc\\22d\\5Ce\\3Cf\\3Eg\\3Bh\\3Di');
  });

  it('escapes a leading # or space and a trailing space, not inner ones', () => {
    expect(escapeDnValue('#x')).toBe('\\23x');
    expect(escapeDnValue(' x y ')).toBe('\\20x y\\20');
    expect(escapeDnValue('x#y')).toBe('x#y');
  });

  it('escapes NUL and keeps other text, also non-ASCII, as it is', () => {
    expect(escapeDnValue('a\u0000b')).toBe('a\\00b');
    expect(escapeDnValue('Jürgen 東京')).toBe('Jürgen 東京');
  });

  it('round-trips any value through a DN', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const [rdn] = parseDn(`cn=${escapeDnValue(value)},dc=example,dc=org`);
        expect(rdn).toEqual([{ type: 'cn', value }]);
      }),
    );
  });

  it('never leaves a separator a DN parser would split at', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(parseDn(`uid=${escapeDnValue(value)},ou=people`)).toHaveLength(2);
      }),
    );
  });
});

describe('parseDn', () => {
  it('reads backslash-char and hex escapes alike', () => {
    expect(parseDn('cn=Doe\\, John,ou=x')[0]).toEqual([{ type: 'cn', value: 'Doe, John' }]);
    expect(parseDn('cn=Doe\\2C John,ou=x')[0]).toEqual([{ type: 'cn', value: 'Doe, John' }]);
    expect(parseDn('cn=J\\C3\\BCrgen')[0]).toEqual([{ type: 'cn', value: 'Jürgen' }]);
  });

  it('reads multi-valued RDNs and tolerates spaces after separators', () => {
    expect(parseDn('cn=a+uid=b, ou=people , dc=org')).toEqual([
      [
        { type: 'cn', value: 'a' },
        { type: 'uid', value: 'b' },
      ],
      [{ type: 'ou', value: 'people' }],
      [{ type: 'dc', value: 'org' }],
    ]);
  });

  it('keeps escaped trailing spaces and drops unescaped ones', () => {
    expect(parseDn('cn=a\\20 ,dc=x')[0]).toEqual([{ type: 'cn', value: 'a ' }]);
  });

  it('keeps a #hex value as written', () => {
    expect(parseDn('cn=#04024869,dc=x')[0]).toEqual([{ type: 'cn', value: '#04024869', hex: true }]);
  });

  it('refuses text that is not a DN', () => {
    expect(() => parseDn('no equals sign')).toThrow(InvalidDnError);
    expect(() => parseDn('cn=a,')).toThrow(/ends with a separator/);
    expect(() => parseDn('cn=a\\')).toThrow(/lone backslash/);
    expect(() => parseDn('c n=a')).toThrow(/not an attribute type/);
  });

  it('reads the empty DN as the root', () => {
    expect(parseDn('')).toEqual([]);
  });
});

describe('comparing DNs', () => {
  it('treats different escapings, case and spacing as the same DN', () => {
    expect(sameDn('CN=Doe\\, John,OU=People,DC=Example', 'cn=doe\\2c john, ou=people, dc=example')).toBe(
      true,
    );
    expect(sameDn('cn=a,dc=x', 'cn=b,dc=x')).toBe(false);
    expect(dnKey('uid=b+cn=a,dc=x')).toBe(dnKey('cn=a+uid=b,dc=x'));
  });

  it('knows when a DN lies within a base', () => {
    expect(isWithin('uid=a,ou=People,dc=x', 'ou=people,DC=x')).toBe(true);
    expect(isWithin('ou=people,dc=x', 'ou=people,dc=x')).toBe(true);
    expect(isWithin('uid=a,ou=groups,dc=x', 'ou=people,dc=x')).toBe(false);
    expect(isWithin('dc=x', 'ou=people,dc=x')).toBe(false);
  });

  it('rewrites DNs in one escaping', () => {
    expect(canonicalDn('cn=Doe\\, John, ou=x')).toBe('cn=Doe\\2C John,ou=x');
    expect(parentDn('cn=Doe\\, John,ou=x,dc=y')).toBe('ou=x,dc=y');
    expect(formatDn(parseDn('cn=#04024869,dc=x'))).toBe('cn=#04024869,dc=x');
  });
});
