import type { ObjectType } from '../model/object-type.js';

/** Per connection and object type: the incremental watermark, kept apart from the last full reconciliation. */
export interface Checkpoint {
  readonly connectionId: string;
  readonly objectType: ObjectType;
  /** The connector's change token (inbound) or the hub change-feed cursor (outbound). */
  readonly token?: string;
  readonly lastFullReconciliationAt?: string;
  readonly updatedAt: string;
}

export interface CheckpointStore {
  get(connectionId: string, objectType: ObjectType): Promise<Checkpoint | undefined>;
  put(checkpoint: Checkpoint): Promise<void>;
  delete(connectionId: string, objectType: ObjectType): Promise<void>;
}
