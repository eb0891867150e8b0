import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { guidBytesToText, guidTextToBytes, isGuidText } from './object-guid.js';
import { findRange, nextRangeRequest, parseRangedAttribute } from './ranged-attribute.js';
import { encodeUnicodePwd } from './unicode-pwd.js';
import {
  ACCOUNT_DISABLE,
  isAccountDisabled,
  newAccountFlags,
  parseUserAccountControl,
  withAccountDisabled,
} from './user-account-control.js';

/*
 * These are the pure parts of the Active Directory preset. No AD server runs in this
 * repository's tests, so the expected values come from Microsoft's documented formats:
 * the GUID byte layout of [MS-DTYP] 2.3.4.2, the userAccountControl flags of [MS-ADTS]
 * 2.2.16 and the range retrieval of [MS-ADTS] 3.1.1.3.1.3.3.
 */

describe('objectGUID', () => {
  it('writes the first three fields little-endian, as AD tools show a GUID', () => {
    // Bytes as they come off the wire for the GUID 3f2504e0-4f89-11d3-9a0c-0305e82c3301.
    const wire = Buffer.from('e004253f894fd3119a0c0305e82c3301', 'hex');
    expect(guidBytesToText(wire)).toBe('3f2504e0-4f89-11d3-9a0c-0305e82c3301');
    expect(guidTextToBytes('3F2504E0-4F89-11D3-9A0C-0305E82C3301').equals(wire)).toBe(true);
  });

  it('round-trips any 16 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const text = guidBytesToText(bytes);
        expect(isGuidText(text)).toBe(true);
        expect([...guidTextToBytes(text)]).toEqual([...bytes]);
      }),
    );
  });

  it('refuses values of the wrong size or shape', () => {
    expect(() => guidBytesToText(new Uint8Array(15))).toThrow(/16 bytes/);
    expect(() => guidTextToBytes('not-a-guid')).toThrow(/not a GUID/);
  });
});

describe('userAccountControl', () => {
  it('reads the decimal value, also AD’s signed form of high bits', () => {
    expect(parseUserAccountControl('514')).toBe(514);
    expect(parseUserAccountControl('-2147483136')).toBe(0x80000200);
    expect(parseUserAccountControl(undefined)).toBeUndefined();
    expect(parseUserAccountControl('x')).toBeUndefined();
  });

  it('sees the disable bit (2) and nothing else', () => {
    expect(isAccountDisabled(514)).toBe(true); // NORMAL_ACCOUNT | ACCOUNTDISABLE
    expect(isAccountDisabled(512)).toBe(false);
    expect(isAccountDisabled(66048)).toBe(false); // NORMAL_ACCOUNT | DONT_EXPIRE_PASSWORD
  });

  it('changes only the disable bit and keeps every other flag', () => {
    expect(withAccountDisabled(66048, true)).toBe(66050);
    expect(withAccountDisabled(66050, false)).toBe(66048);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.boolean(), (flags, disabled) => {
        const result = withAccountDisabled(flags, disabled);
        expect(isAccountDisabled(result)).toBe(disabled);
        expect((result & ~ACCOUNT_DISABLE) >>> 0).toBe((flags & ~ACCOUNT_DISABLE) >>> 0);
      }),
    );
  });

  it('makes new accounts normal accounts', () => {
    expect(newAccountFlags(false)).toBe(512);
    expect(newAccountFlags(true)).toBe(514);
  });
});

describe('ranged member retrieval', () => {
  it('reads a range and asks for the next one', () => {
    const range = parseRangedAttribute('member;range=0-1499');
    expect(range).toEqual({ description: 'member;range=0-1499', attribute: 'member', start: 0, end: 1499 });
    expect(nextRangeRequest(range!)).toBe('member;range=1500-*');
  });

  it('stops at a range ending in *', () => {
    const range = parseRangedAttribute('member;range=3000-*');
    expect(range).toEqual({ description: 'member;range=3000-*', attribute: 'member', start: 3000 });
    expect(nextRangeRequest(range!)).toBeUndefined();
  });

  it('finds the ranged attribute among an entry’s attributes, ignoring case', () => {
    expect(findRange(['dn', 'cn', 'Member;Range=1500-2999'], 'member')).toEqual({
      description: 'Member;Range=1500-2999',
      attribute: 'Member',
      start: 1500,
      end: 2999,
    });
    expect(findRange(['member'], 'member')).toBeUndefined();
    expect(parseRangedAttribute('member')).toBeUndefined();
  });
});

describe('unicodePwd', () => {
  it('quotes the password and encodes it as UTF-16LE', () => {
    expect(encodeUnicodePwd('Pa$$w0rd').toString('hex')).toBe(
      Buffer.from('"Pa$$w0rd"', 'utf16le').toString('hex'),
    );
    expect([...encodeUnicodePwd('ab')]).toEqual([0x22, 0, 0x61, 0, 0x62, 0, 0x22, 0]);
  });
});
