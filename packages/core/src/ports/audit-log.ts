/** One entry of the audit log: who or what changed what, and why. Never contains secrets. */
export interface AuditEntry {
  readonly at: string;
  /** `engine`, a SCIM client id, an admin user… */
  readonly actor: string;
  readonly action: string;
  readonly connectionId?: string;
  readonly runId?: string;
  readonly objectType?: string;
  readonly objectId?: string;
  readonly detail?: unknown;
}

export interface AuditLog {
  append(entries: readonly AuditEntry[]): Promise<void>;
  /** Newest first, optionally for one object. */
  query(options: { objectId?: string; connectionId?: string; limit: number }): Promise<AuditEntry[]>;
}
