import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatGeneralizedTime, parseGeneralizedTime } from './generalized-time.js';

describe('generalized time', () => {
  it('reads OpenLDAP timestamps, AD timestamps with a fraction, and CSNs', () => {
    const expected = Date.UTC(2024, 0, 2, 3, 4, 5) / 1000;
    expect(parseGeneralizedTime('20240102030405Z')).toBe(expected);
    expect(parseGeneralizedTime('20240102030405.0Z')).toBe(expected);
    expect(parseGeneralizedTime('20240102030405.474025Z#000000#000#000000')).toBe(expected);
  });

  it('refuses local times and garbage', () => {
    expect(parseGeneralizedTime('20240102030405+0100')).toBeUndefined();
    expect(parseGeneralizedTime('yesterday')).toBeUndefined();
  });

  it('formats seconds so that they read back the same', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799 }), (seconds) => {
        expect(parseGeneralizedTime(formatGeneralizedTime(seconds))).toBe(seconds);
        expect(parseGeneralizedTime(formatGeneralizedTime(seconds, true))).toBe(seconds);
      }),
    );
    expect(formatGeneralizedTime(Date.UTC(2024, 0, 2, 3, 4, 5) / 1000)).toBe('20240102030405Z');
    expect(formatGeneralizedTime(Date.UTC(2024, 0, 2, 3, 4, 5) / 1000, true)).toBe('20240102030405.0Z');
  });
});
