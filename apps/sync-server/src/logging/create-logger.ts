import { pino, type Logger, type LevelWithSilent } from 'pino';
import type { SecretScrubber } from './secret-scrubber.js';

export interface LoggerOptions {
  readonly level: LevelWithSilent;
  readonly scrubber: SecretScrubber;
  /** Where lines go; default stdout. Tests pass a collector. */
  readonly destination?: { write(line: string): unknown };
}

/** Keys whose values are never logged, wherever they appear in a logged object. */
export const REDACTED_KEYS = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'token',
  'adminToken',
  'password',
  'secret',
  '*.token',
  '*.password',
  '*.secret',
  '*.bearerToken',
  '*.basicPassword',
  '*.clientSecret',
  '*.customAuthHeader',
  '*.accessKey',
  '*.bindPassword',
];

/**
 * Structured JSON logs (pino): one line per run at info, one per operation at debug. Secrets
 * are removed twice: by key (`redact`) and by value (every line goes through the scrubber).
 */
export function createLogger(options: LoggerOptions): Logger {
  const target = options.destination ?? process.stdout;
  const stream = { write: (line: string) => target.write(options.scrubber.scrub(line)) };
  return pino(
    {
      level: options.level,
      base: { service: 'idsync' },
      redact: { paths: REDACTED_KEYS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    stream,
  );
}
