import type { ConnectorContext } from '@idsync/core';

/** One line a connector logged. */
export interface LoggedLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields?: Record<string, unknown>;
}

/** A connector context that keeps what the connector logs, so a check can look for leaked secrets. */
export interface RecordingContext extends ConnectorContext {
  readonly lines: readonly LoggedLine[];
}

export function createRecordingContext(connectionId = 'conformance'): RecordingContext {
  const lines: LoggedLine[] = [];
  return {
    connectionId,
    lines,
    log: (level, message, fields) => {
      lines.push(fields === undefined ? { level, message } : { level, message, fields });
    },
  };
}
