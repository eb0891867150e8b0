import type { ColumnType, Generated } from 'kysely';

/**
 * The row shapes of idsync's tables as Kysely sees them. Timestamps are `timestamptz` and come
 * back as `Date` from both drivers; `bigserial` columns are read with an explicit `::text`
 * cast because pg returns int8 as a string and PGlite as a number.
 */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb columns are written as JSON text (both drivers then agree) and read back parsed. */
type Json<T> = ColumnType<T, string, string>;

export interface PopulationsTable {
  id: string;
  name: string;
  description: string | null;
  is_default: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HubObjectsTable {
  id: string;
  type: string;
  population_id: string;
  /** Lower-cased userName (users only): unique among users, the case-insensitive key. */
  user_name: string | null;
  /** Lower-cased displayName: unique among groups, searched and sorted case-insensitively. */
  display_name: string | null;
  /** displayName as written, for the `display` of the users' `groups` attribute. */
  display: string | null;
  external_id: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  resource: Json<Record<string, unknown>>;
}

export interface HubEmailsTable {
  object_id: string;
  email: string;
}

export interface MembershipsTable {
  group_id: string;
  member_id: string;
  member_type: string;
}

export interface HubChangesTable {
  cursor: Generated<string>;
  object_type: string;
  object_id: string;
  kind: string;
  at: Timestamp;
}

export interface LinksTable {
  connection_id: string;
  object_type: string;
  hub_id: string;
  remote_id: string | null;
  rule_ids: string[];
  last_applied_hash: string | null;
  state: string;
  intent: Json<unknown> | null;
  last_error: string | null;
  last_success_at: Timestamp | null;
  attempts: number;
  updated_at: Timestamp;
}

export interface CreatedMembershipsTable {
  connection_id: string;
  group_hub_id: string;
  member_hub_id: string;
}

export interface CheckpointsTable {
  connection_id: string;
  object_type: string;
  direction: string;
  token: string | null;
  last_full_reconciliation_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface RunsTable {
  id: string;
  connection_id: string;
  kind: string;
  status: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  counts: Json<Record<string, number>>;
  reason: string | null;
}

export interface RunOperationsTable {
  run_id: string;
  sequence: number;
  kind: string;
  object_type: string;
  hub_id: string | null;
  remote_id: string | null;
  detail: Json<unknown>;
}

export interface ApprovalsTable {
  run_id: string;
  approved_by: string;
  approved_at: Timestamp;
  comment: string | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor: string;
  action: string;
  connection_id: string | null;
  run_id: string | null;
  object_type: string | null;
  object_id: string | null;
  detail: Json<unknown> | null;
}

export interface SecretsTable {
  connection_id: string;
  name: string;
  iv: Uint8Array;
  ciphertext: Uint8Array;
  auth_tag: Uint8Array;
  key_id: string;
  updated_at: Timestamp;
}

export interface StoreDatabase {
  populations: PopulationsTable;
  hub_objects: HubObjectsTable;
  hub_emails: HubEmailsTable;
  memberships: MembershipsTable;
  hub_changes: HubChangesTable;
  links: LinksTable;
  created_memberships: CreatedMembershipsTable;
  checkpoints: CheckpointsTable;
  runs: RunsTable;
  run_operations: RunOperationsTable;
  approvals: ApprovalsTable;
  audit_log: AuditLogTable;
  secrets: SecretsTable;
}
