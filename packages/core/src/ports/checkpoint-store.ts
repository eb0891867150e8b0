import type { ObjectType } from '../model/object-type.js';

/** Which way a checkpoint's runs go: its token means different things on each side. */
export type SyncDirection = 'inbound' | 'outbound';

/**
 * Per connection, object type and direction: the incremental watermark, kept apart from the
 * last full reconciliation. A two-way connection has one of each: the outbound token is a
 * hub change-feed cursor, the inbound one the connector's change token.
 */
export interface Checkpoint {
  readonly connectionId: string;
  readonly objectType: ObjectType;
  readonly direction: SyncDirection;
  /** The connector's change token (inbound) or the hub change-feed cursor (outbound). */
  readonly token?: string;
  readonly lastFullReconciliationAt?: string;
  readonly updatedAt: string;
}

export interface CheckpointStore {
  get(
    connectionId: string,
    objectType: ObjectType,
    direction: SyncDirection,
  ): Promise<Checkpoint | undefined>;
  put(checkpoint: Checkpoint): Promise<void>;
  delete(connectionId: string, objectType: ObjectType, direction: SyncDirection): Promise<void>;
}
