import type { ObjectType } from './object-type.js';

/** PingOne-like sync states of one object on one connection. */
export type SyncState =
  'pending' | 'in-sync' | 'failed' | 'failed-deprovision' | 'disabled' | 'deprovisioned';

/**
 * Intent recorded before a write (safety rule 3): after a crash, a link with an intent but no
 * confirmation is checked against the store (correlate) before anything is written again.
 */
export interface LinkIntent {
  readonly operation: 'create' | 'update' | 'disable' | 'delete';
  readonly runId: string;
  readonly at: string;
}

/** Hub object ↔ remote object for one connection. */
export interface Link {
  readonly connectionId: string;
  readonly objectType: ObjectType;
  readonly hubId: string;
  /** Absent only while a create is intended but not yet confirmed. */
  readonly remoteId?: string;
  /** Provenance: the rules that want this object on this connection. */
  readonly ruleIds: readonly string[];
  /** Hash of the mapped object last applied to (outbound) or read from (inbound) the remote side: echo suppression. */
  readonly lastAppliedHash?: string;
  readonly state: SyncState;
  readonly intent?: LinkIntent;
  readonly lastError?: string;
  readonly lastSuccessAt?: string;
  readonly attempts: number;
  readonly updatedAt: string;
}
