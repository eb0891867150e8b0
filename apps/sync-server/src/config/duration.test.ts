import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { durationSchema, formatDuration, parseDuration } from './duration.js';

describe('durations', () => {
  it('reads every unit and "off"', () => {
    expect(['250ms', '30s', '5m', '2h', '1d', 'off'].map(parseDuration)).toEqual([
      250, 30_000, 300_000, 7_200_000, 86_400_000, 0,
    ]);
  });

  it('refuses what is not a duration, saying how to write one', () => {
    for (const text of ['5', '5 m', '1.5h', 'soon', '-1s']) {
      const parsed = durationSchema.safeParse(text);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/500ms, 30s, 5m, 1h, 1d/);
    }
  });

  it('formats back to a text that parses to the same value', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), (ms) => expect(parseDuration(formatDuration(ms))).toBe(ms)),
    );
  });
});
