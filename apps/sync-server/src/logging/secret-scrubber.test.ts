import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createLogger } from './create-logger.js';
import { SecretScrubber } from './secret-scrubber.js';

describe('SecretScrubber', () => {
  it('removes every known secret from a text, longest first', () => {
    const scrubber = new SecretScrubber();
    scrubber.add('abcd1234', 'abcd1234-longer', undefined, 'x');
    expect(scrubber.scrub('a abcd1234-longer and abcd1234 and x')).toBe('a [redacted] and [redacted] and x');
  });

  it('removes secrets with characters that JSON escapes, as they appear in a JSON line', () => {
    const scrubber = new SecretScrubber();
    scrubber.add('pa"ss\\word');
    expect(scrubber.scrub(JSON.stringify({ msg: 'got pa"ss\\word back' }))).not.toContain('ss\\\\word');
  });

  it('never lets a secret through, whatever it contains', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 4, maxLength: 40 }), fc.string(), (secret, around) => {
        const scrubber = new SecretScrubber();
        scrubber.add(secret);
        const scrubbed = scrubber.scrub(`${around}${secret}${around}`);
        expect(scrubbed.includes(secret)).toBe(false);
      }),
    );
  });

  it('keeps secrets out of log lines, by value and by key', () => {
    const lines: string[] = [];
    const scrubber = new SecretScrubber();
    scrubber.add('s3cr3t-token-value');
    const logger = createLogger({
      level: 'debug',
      scrubber,
      destination: { write: (line) => lines.push(line) },
    });
    logger.info({ connection: 'crm', reason: 'target said: bad token s3cr3t-token-value' }, 'run');
    logger.info({ config: { bearerToken: 'other-unknown-secret', baseUrl: 'https://x' } }, 'connection');
    const text = lines.join('');
    expect(text).not.toContain('s3cr3t-token-value');
    expect(text).not.toContain('other-unknown-secret');
    expect(text).toContain('https://x');
    expect(lines).toHaveLength(2);
  });
});
