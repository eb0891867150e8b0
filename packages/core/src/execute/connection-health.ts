import type { ErrorCategory } from './error-category.js';

/** Why and since when a connection is quarantined: what the engine records in its sync status. */
export interface QuarantineInfo {
  readonly connectionId: string;
  /** A sentence a person can act on: what kept failing and how. */
  readonly reason: string;
  /** When the quarantine began (clock milliseconds since the epoch). */
  readonly since: number;
  /** The error that tripped (or last renewed) the quarantine. */
  readonly lastError: unknown;
  readonly category: ErrorCategory;
  /** From this time on, the next admission runs a probe. */
  readonly probeAfter: number;
}

/**
 * A connection's state, as a half-open circuit breaker: `healthy` (closed), `quarantined`
 * (open: operations are skipped until the cool-down ends), `probing` (half-open: one probe
 * decides; the others wait for its verdict).
 */
export type ConnectionHealth =
  | { readonly state: 'healthy'; readonly connectionId: string }
  | { readonly state: 'quarantined'; readonly connectionId: string; readonly quarantine: QuarantineInfo }
  | {
      readonly state: 'probing';
      readonly connectionId: string;
      readonly quarantine: QuarantineInfo;
      readonly probeStartedAt: number;
    };
