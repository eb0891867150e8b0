import { sql, type Kysely } from 'kysely';

/**
 * The first schema of the store. Plain SQL that PostgreSQL 15 (the server) and PGlite 0.5
 * (PostgreSQL 18) both run. Case-insensitive keys are stored lower-cased (by the code, with
 * JavaScript's lower-casing, the same the SCIM evaluator uses) in columns with the "C"
 * collation, so ordering, LIKE and unique indexes behave the same on every server whatever
 * the database's locale.
 */
const STATEMENTS = [
  `create table populations (
    id text primary key,
    name text not null,
    description text,
    is_default boolean not null default false,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  // At most one default population.
  `create unique index populations_one_default on populations (is_default) where is_default`,

  `create table hub_objects (
    id uuid primary key,
    type text not null check (type in ('User', 'Group')),
    population_id text not null references populations (id),
    user_name text collate "C",
    display_name text collate "C",
    display text,
    external_id text collate "C",
    version integer not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    resource jsonb not null
  )`,
  `create unique index hub_objects_user_name on hub_objects (user_name) where type = 'User'`,
  `create unique index hub_objects_group_display_name on hub_objects (display_name) where type = 'Group'`,
  `create index hub_objects_type_id on hub_objects (type, id)`,
  `create index hub_objects_type_display_name on hub_objects (type, display_name)`,
  `create index hub_objects_type_external_id on hub_objects (type, external_id)`,
  `create index hub_objects_type_updated on hub_objects (type, updated_at)`,
  `create index hub_objects_type_created on hub_objects (type, created_at)`,
  `create index hub_objects_population on hub_objects (population_id, type, id)`,

  `create table hub_emails (
    object_id uuid not null references hub_objects (id) on delete cascade,
    email text collate "C" not null,
    primary key (object_id, email)
  )`,
  `create index hub_emails_email on hub_emails (email)`,

  `create table memberships (
    group_id uuid not null references hub_objects (id) on delete cascade,
    member_id uuid not null references hub_objects (id) on delete cascade,
    member_type text not null,
    primary key (group_id, member_id)
  )`,
  `create index memberships_member on memberships (member_id, group_id)`,

  // The change feed. Writers hold a transaction-scoped advisory lock from their first hub
  // write to commit, so cursors are handed out in commit order (see hub-change-feed.ts).
  `create table hub_changes (
    cursor bigserial primary key,
    object_type text not null,
    object_id uuid not null,
    kind text not null check (kind in ('upsert', 'delete', 'membership')),
    at timestamptz not null
  )`,

  `create table links (
    connection_id text not null,
    object_type text not null,
    hub_id text not null,
    remote_id text,
    rule_ids text[] not null default '{}',
    last_applied_hash text,
    state text not null,
    intent jsonb,
    last_error text,
    last_success_at timestamptz,
    attempts integer not null default 0,
    updated_at timestamptz not null,
    primary key (connection_id, object_type, hub_id)
  )`,
  `create unique index links_remote_id on links (connection_id, object_type, remote_id)`,
  `create index links_rule_ids on links using gin (rule_ids)`,
  `create index links_state on links (connection_id, state)`,

  `create table created_memberships (
    connection_id text not null,
    group_hub_id text not null,
    member_hub_id text not null,
    primary key (connection_id, group_hub_id, member_hub_id)
  )`,

  `create table checkpoints (
    connection_id text not null,
    object_type text not null,
    direction text not null,
    token text,
    last_full_reconciliation_at timestamptz,
    updated_at timestamptz not null,
    primary key (connection_id, object_type, direction)
  )`,

  `create table runs (
    id text primary key,
    connection_id text not null,
    kind text not null,
    status text not null,
    started_at timestamptz not null,
    finished_at timestamptz,
    counts jsonb not null default '{}',
    reason text
  )`,
  `create index runs_started on runs (started_at desc, id desc)`,
  `create index runs_connection_started on runs (connection_id, started_at desc, id desc)`,

  `create table run_operations (
    run_id text not null references runs (id) on delete cascade,
    sequence integer not null,
    kind text not null,
    object_type text not null,
    hub_id text,
    remote_id text,
    detail jsonb not null,
    primary key (run_id, sequence)
  )`,

  `create table approvals (
    run_id text primary key references runs (id) on delete cascade,
    approved_by text not null,
    approved_at timestamptz not null,
    comment text
  )`,

  `create table audit_log (
    id bigserial primary key,
    at timestamptz not null,
    actor text not null,
    action text not null,
    connection_id text,
    run_id text,
    object_type text,
    object_id text,
    detail jsonb
  )`,
  `create index audit_log_at on audit_log (at desc, id desc)`,
  `create index audit_log_object on audit_log (object_id, at desc, id desc)`,
  `create index audit_log_connection on audit_log (connection_id, at desc, id desc)`,

  `create table secrets (
    connection_id text not null,
    name text not null,
    iv bytea not null,
    ciphertext bytea not null,
    auth_tag bytea not null,
    key_id text not null,
    updated_at timestamptz not null,
    primary key (connection_id, name)
  )`,
];

const TABLES = [
  'secrets',
  'audit_log',
  'approvals',
  'run_operations',
  'runs',
  'checkpoints',
  'created_memberships',
  'links',
  'hub_changes',
  'memberships',
  'hub_emails',
  'hub_objects',
  'populations',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite's query() takes a single statement.
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await sql.raw(`drop table if exists ${table}`).execute(db);
}
