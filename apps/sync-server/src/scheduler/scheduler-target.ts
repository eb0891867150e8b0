import type { Direction, SyncRequest } from '../engine/sync-engine.js';

export type JobKind = 'outbound-changes' | 'inbound-poll' | 'full-reconciliation';

/** How often each kind of job runs for one connection, in milliseconds; 0 turns it off. */
export interface JobIntervals {
  readonly outboundChanges: number;
  readonly inboundPoll: number;
  readonly fullReconciliation: number;
}

/** What the scheduler needs from the engine: small, so tests drive it with a fake. */
export interface SchedulerTarget {
  /** Connections with the intervals that apply to them (their own, else the global ones). */
  connections(): readonly { readonly name: string; readonly intervals: JobIntervals }[];
  /** Directions the connection has enabled rules for. */
  directions(name: string): readonly Direction[];
  /** Hub changes wait to be pushed out to the connection. */
  outboundBehind(name: string): Promise<boolean>;
  /** When the connection was last reconciled in full (ms since the epoch), if ever. */
  lastFullReconciliation(name: string): Promise<number | undefined>;
  /** A run is running or queued for the connection. */
  busy(name: string): boolean;
  sync(name: string, request: SyncRequest): Promise<unknown>;
}
