import { describe, expect, it } from '@jest/globals';
import { manualClock } from '../test-support/fixtures.js';
import { TokenIssuer } from './token-issuer.js';

describe('TokenIssuer', () => {
  it('tells valid, expired and unknown tokens apart by the clock', () => {
    const clock = manualClock();
    const issuer = new TokenIssuer(clock.now, 30);
    const first = issuer.issue();
    expect(first.expiresInSeconds).toBe(30);
    expect(issuer.check(first.accessToken)).toBe('valid');
    clock.advance(29_999);
    expect(issuer.check(first.accessToken)).toBe('valid');
    clock.advance(1);
    expect(issuer.check(first.accessToken)).toBe('expired');
    expect(issuer.check('never-issued')).toBe('unknown');
  });

  it('issues a different token each time and forgets all on revokeAll', () => {
    const issuer = new TokenIssuer(Date.now, 60);
    const a = issuer.issue().accessToken;
    const b = issuer.issue().accessToken;
    expect(a).not.toBe(b);
    issuer.revokeAll();
    expect(issuer.check(a)).toBe('unknown');
    expect(issuer.check(b)).toBe('unknown');
  });
});
