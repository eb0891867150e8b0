import { describe, expect, it } from '@jest/globals';
import { REDACTED, SecretRedactor } from './secret-redactor.js';

describe('SecretRedactor', () => {
  it('replaces every occurrence, and the URL-encoded form too', () => {
    const redactor = new SecretRedactor(['p@ss word!']);
    expect(redactor.redact('a p@ss word! b p%40ss%20word! c p@ss word!')).toBe(
      `a ${REDACTED} b ${REDACTED} c ${REDACTED}`,
    );
  });

  it('replaces a longer secret whole when it contains a shorter one', () => {
    const redactor = new SecretRedactor(['abcd', 'abcdefgh']);
    expect(redactor.redact('x abcdefgh y abcd')).toBe(`x ${REDACTED} y ${REDACTED}`);
  });

  it('ignores values too short to scrub safely', () => {
    const redactor = new SecretRedactor(['ab', '']);
    expect(redactor.redact('a cab')).toBe('a cab');
  });

  it('redacts strings nested in log fields', () => {
    const redactor = new SecretRedactor(['s3cret-value']);
    expect(redactor.redactValue({ a: ['x s3cret-value'], b: { c: 's3cret-value' }, n: 1 })).toEqual({
      a: [`x ${REDACTED}`],
      b: { c: REDACTED },
      n: 1,
    });
  });
});
