import { describe, expect, it } from '@jest/globals';
import { parseRetryAfter } from './parse-retry-after.js';

const NOW = Date.UTC(2026, 10, 6, 8, 49, 30); // 2026-11-06T08:49:30Z

describe('parseRetryAfter', () => {
  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('tolerates a decimal number of seconds', () => {
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
  });

  it('reads an IMF-fixdate as the time left until it', () => {
    expect(parseRetryAfter('Fri, 06 Nov 2026 08:49:37 GMT', NOW)).toBe(7000);
  });

  it('reads the obsolete RFC 850 form with a two-digit year', () => {
    expect(parseRetryAfter('Friday, 06-Nov-26 08:50:30 GMT', NOW)).toBe(60_000);
  });

  it('reads the obsolete asctime form (always UTC)', () => {
    expect(parseRetryAfter('Fri Nov  6 08:49:40 2026', NOW)).toBe(10_000);
  });

  it('treats a date already past as no wait', () => {
    expect(parseRetryAfter('Thu, 05 Nov 2026 08:49:37 GMT', NOW)).toBe(0);
  });

  it('gives undefined for absent or unreadable values so the caller keeps its own backoff', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('Fri, 06 Foo 2026 08:49:37 GMT', NOW)).toBeUndefined();
    expect(parseRetryAfter('Fri, 06 Nov 2026 25:49:37 GMT', NOW)).toBeUndefined();
  });
});
