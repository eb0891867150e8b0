import type { QuarantineInfo } from './connection-health.js';

/**
 * The error of an operation skipped because its connection is quarantined. It names the
 * cause and says what happens next, so the skipped result explains itself in sync status.
 */
export class ConnectionQuarantinedError extends Error {
  override readonly name = 'ConnectionQuarantinedError';
  readonly connectionId: string;

  constructor(readonly quarantine: QuarantineInfo) {
    super(
      `Not attempted: connection "${quarantine.connectionId}" is quarantined since ` +
        `${new Date(quarantine.since).toISOString()} because ${quarantine.reason.replace(/\.?$/, '.')} ` +
        `A probe will be tried after ${new Date(quarantine.probeAfter).toISOString()}; ` +
        'fix the cause (credentials, endpoint, store outage) or lift the quarantine to retry sooner.',
      { cause: quarantine.lastError },
    );
    this.connectionId = quarantine.connectionId;
  }
}
