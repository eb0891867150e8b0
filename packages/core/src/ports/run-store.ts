/** A full or incremental cycle on one connection. */
export interface RunRecord {
  readonly id: string;
  readonly connectionId: string;
  readonly kind: 'full' | 'incremental' | 'plan' | 'rule-deletion';
  readonly status: 'running' | 'succeeded' | 'partial' | 'failed' | 'awaiting-approval' | 'cancelled';
  readonly startedAt: string;
  readonly finishedAt?: string;
  /** Operation counts by kind and outcome, e.g. `{ create: 3, 'update.failed': 1 }`. */
  readonly counts: Readonly<Record<string, number>>;
  /** Why a run stopped or failed, in words a person can act on. */
  readonly reason?: string;
}

/** One planned operation, stored with its run so a plan can be shown, approved and explained. */
export interface StoredOperation {
  readonly runId: string;
  readonly sequence: number;
  readonly kind: string;
  readonly objectType: string;
  readonly hubId?: string;
  readonly remoteId?: string;
  /** The operation and its reasons (rule, attribute, old → new) as JSON. */
  readonly detail: unknown;
}

export interface Approval {
  readonly runId: string;
  readonly approvedBy: string;
  readonly approvedAt: string;
  readonly comment?: string;
}

export interface RunStore {
  create(run: RunRecord): Promise<void>;
  update(id: string, changes: Partial<Omit<RunRecord, 'id' | 'connectionId'>>): Promise<void>;
  get(id: string): Promise<RunRecord | undefined>;
  /** Newest first. */
  list(connectionId?: string, limit?: number): Promise<RunRecord[]>;
  appendOperations(operations: readonly StoredOperation[]): Promise<void>;
  operations(runId: string, afterSequence?: number, limit?: number): Promise<StoredOperation[]>;
  approve(approval: Approval): Promise<void>;
  approval(runId: string): Promise<Approval | undefined>;
}
