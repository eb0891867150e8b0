import { z } from 'zod';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PATTERN = /^(\d+)(ms|s|m|h|d)$/;

/**
 * A duration as people write it in a config file: `500ms`, `30s`, `5m`, `1h`, `1d`, or `off`.
 * Parsed to milliseconds; `off` is `0` and means "never".
 */
export const durationSchema = z
  .string()
  .regex(/^(off|\d+(ms|s|m|h|d))$/, {
    message: 'is not a duration. Write a whole number with a unit (500ms, 30s, 5m, 1h, 1d) or "off".',
  })
  .transform((text) => parseDuration(text));

export function parseDuration(text: string): number {
  if (text === 'off') return 0;
  const match = PATTERN.exec(text);
  if (!match) throw new Error(`"${text}" is not a duration (500ms, 30s, 5m, 1h, 1d or off).`);
  return Number(match[1]) * UNITS[match[2]!]!;
}

/** The reverse, for messages and the CLI: the largest unit that divides the value. */
export function formatDuration(ms: number): string {
  if (ms === 0) return 'off';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNITS[unit]!;
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
