import { createHash } from 'node:crypto';
import {
  redactSecrets,
  type ConfigIssue,
  type Connection,
  type ConnectorRegistry,
  type ProvisioningRule,
  type SecretStore,
} from '@idsync/core';
import type { SchemaRegistry } from '@idsync/scim';
import type { Kysely } from 'kysely';
import type { ConnectionDefinition, RuleDefinition, ServerConfig } from '../config/config-schema.js';
import type { CatalogRow, CatalogTables } from './catalog-tables.js';
import { checkDefinitions } from './check-definitions.js';
import { CatalogError } from './catalog-error.js';
import { keepStoredSecrets, secretKeysOf, splitSecrets } from './connection-secrets.js';

export { SECRET_PLACEHOLDER } from './connection-secrets.js';
import { toConnection } from './to-connection.js';
import { toRule } from './to-rule.js';

/** A rule deletion waiting for approval: the rule stays in force until it is carried out. */
export interface PendingDeletion {
  readonly runId: string;
  readonly deprovision: boolean;
}

export interface CatalogEntry<T> {
  readonly definition: T;
  readonly origin: 'file' | 'api';
}

export interface SeedReport {
  readonly added: string[];
  readonly updated: string[];
  /** Entries the file once seeded but no longer names: kept, never deleted implicitly. */
  readonly notInFile: string[];
  /** Connections and rules the file still names that were deleted through the API (and stay deleted). */
  readonly deletedButInFile: string[];
}

const now = () => new Date().toISOString();
const hashOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * The connections and rules the server runs with, persisted next to the store so the admin API
 * can change them and a restart keeps the changes. The config file seeds it: an entry the file
 * names is written when it is new or when its text in the file changed since it was last
 * applied; otherwise the stored version (perhaps edited through the API) stands. Secret
 * settings never enter these tables: they go to the store's encrypted secret table, and the
 * ones a file states are taken from the file at every start (rotate by changing the variable
 * and restarting).
 */
export class Catalog {
  private connectionEntries = new Map<string, CatalogEntry<ConnectionDefinition>>();
  private ruleEntries = new Map<string, CatalogEntry<RuleDefinition> & { pending?: PendingDeletion }>();

  private constructor(
    private readonly db: Kysely<CatalogTables>,
    private readonly secrets: SecretStore,
    private readonly connectors: ConnectorRegistry,
    private readonly schemas: SchemaRegistry,
  ) {}

  /** `db` is the store's Kysely handle (`store.database`), migrated (the catalog tables come with the store). */
  static async open(
    db: object,
    secrets: SecretStore,
    connectors: ConnectorRegistry,
    schemas: SchemaRegistry,
  ): Promise<Catalog> {
    // The tables come with the store (its migration 002-catalog-tables).
    const catalog = new Catalog(db as Kysely<CatalogTables>, secrets, connectors, schemas);
    await catalog.reload();
    return catalog;
  }

  /** Applies the config file's connections and rules (see the class comment). */
  async seed(config: ServerConfig): Promise<SeedReport> {
    const report: SeedReport = { added: [], updated: [], notInFile: [], deletedButInFile: [] };
    const rows = await this.rows();
    for (const definition of config.connections) {
      const { stored, secrets } = splitSecrets(definition, this.secretKeys(definition.connector));
      const hash = hashOf(stored);
      const row = rows.connections.get(definition.name);
      if (row?.deleted_at && row.seed_hash === hash) {
        report.deletedButInFile.push(`connection ${definition.name}`);
        continue;
      }
      if (!row || row.seed_hash !== hash) {
        await this.writeRow(
          'idsync_server_connections',
          definition.name,
          stored,
          'file',
          hash,
          row?.pending ?? null,
        );
        (row ? report.updated : report.added).push(`connection ${definition.name}`);
      }
      for (const [key, value] of Object.entries(secrets)) {
        if ((await this.secrets.get(definition.name, key)) !== value)
          await this.secrets.put(definition.name, key, value);
      }
    }
    const liveConnections = new Set(
      config.connections
        .filter((c) => !report.deletedButInFile.includes(`connection ${c.name}`))
        .map((c) => c.name),
    );
    for (const row of rows.connections.values()) if (!row.deleted_at) liveConnections.add(row.name);
    for (const definition of config.rules) {
      const hash = hashOf(definition);
      const row = rows.rules.get(definition.name);
      if (row?.deleted_at && row.seed_hash === hash) {
        report.deletedButInFile.push(`rule ${definition.name}`);
        continue;
      }
      // Its connection was deleted through the API: the rule cannot come back without it.
      if (!liveConnections.has(definition.connection)) {
        report.deletedButInFile.push(`rule ${definition.name} (its connection was deleted)`);
        continue;
      }
      if (!row || row.seed_hash !== hash) {
        await this.writeRow(
          'idsync_server_rules',
          definition.name,
          definition,
          'file',
          hash,
          row?.pending ?? null,
        );
        (row ? report.updated : report.added).push(`rule ${definition.name}`);
      }
    }
    const named = new Set([
      ...config.connections.map((c) => `c:${c.name}`),
      ...config.rules.map((r) => `r:${r.name}`),
    ]);
    for (const row of rows.connections.values())
      if (row.origin === 'file' && !row.deleted_at && !named.has(`c:${row.name}`))
        report.notInFile.push(`connection ${row.name}`);
    for (const row of rows.rules.values())
      if (row.origin === 'file' && !row.deleted_at && !named.has(`r:${row.name}`))
        report.notInFile.push(`rule ${row.name}`);
    await this.reload();
    return report;
  }

  listConnections(): CatalogEntry<ConnectionDefinition>[] {
    return [...this.connectionEntries.values()].sort((a, b) =>
      a.definition.name.localeCompare(b.definition.name),
    );
  }

  getConnection(name: string): CatalogEntry<ConnectionDefinition> | undefined {
    return this.connectionEntries.get(name);
  }

  listRules(): (CatalogEntry<RuleDefinition> & { pending?: PendingDeletion })[] {
    return [...this.ruleEntries.values()].sort((a, b) => a.definition.name.localeCompare(b.definition.name));
  }

  getRule(name: string): (CatalogEntry<RuleDefinition> & { pending?: PendingDeletion }) | undefined {
    return this.ruleEntries.get(name);
  }

  /** The engine's view: connections with settings validated and secrets in place. */
  connection(name: string): Connection | undefined {
    const entry = this.connectionEntries.get(name);
    return entry
      ? toConnection(entry.definition, this.connectors.get(entry.definition.connector).manifest)
      : undefined;
  }

  rules(): ProvisioningRule[] {
    return this.listRules().map((entry) => toRule(entry.definition));
  }

  /** A definition safe to return from the API or log: secret settings replaced. */
  redact(definition: ConnectionDefinition): ConnectionDefinition {
    if (!this.connectors.has(definition.connector)) return definition;
    return {
      ...definition,
      config: redactSecrets(this.connectors.get(definition.connector).manifest, definition.config),
    };
  }

  /**
   * Creates or replaces a connection through the API. A secret setting left out, or sent back as
   * the placeholder, keeps its stored value, so a client can round-trip what it read.
   */
  async putConnection(definition: ConnectionDefinition): Promise<void> {
    const existing = this.connectionEntries.get(definition.name)?.definition;
    const merged = keepStoredSecrets(definition, existing, this.secretKeys(definition.connector));
    this.check(
      [...this.others(this.listConnections(), merged.name), merged],
      this.listRules().map((e) => e.definition),
    );
    const { stored, secrets } = splitSecrets(merged, this.secretKeys(merged.connector));
    for (const [key, value] of Object.entries(secrets)) await this.secrets.put(merged.name, key, value);
    const row = (await this.rows()).connections.get(merged.name);
    await this.writeRow(
      'idsync_server_connections',
      merged.name,
      stored,
      'api',
      row?.seed_hash ?? null,
      null,
    );
    await this.reload();
  }

  async putRule(definition: RuleDefinition): Promise<void> {
    this.check(
      this.listConnections().map((e) => e.definition),
      [...this.others(this.listRules(), definition.name), definition],
    );
    const row = (await this.rows()).rules.get(definition.name);
    await this.writeRow(
      'idsync_server_rules',
      definition.name,
      definition,
      'api',
      row?.seed_hash ?? null,
      row?.pending ?? null,
    );
    await this.reload();
  }

  async setPendingDeletion(name: string, pending: PendingDeletion | undefined): Promise<void> {
    await this.db
      .updateTable('idsync_server_rules')
      .set({ pending: pending ? JSON.stringify(pending) : null, updated_at: now() })
      .where('name', '=', name)
      .execute();
    await this.reload();
  }

  /** Deletes a rule; one the file seeded leaves a tombstone (see `deleted_at`). */
  async removeRule(name: string): Promise<void> {
    const row = (await this.rows()).rules.get(name);
    if (row?.seed_hash) {
      await this.db
        .updateTable('idsync_server_rules')
        .set({ deleted_at: now(), pending: null, updated_at: now() })
        .where('name', '=', name)
        .execute();
    } else {
      await this.db.deleteFrom('idsync_server_rules').where('name', '=', name).execute();
    }
    await this.reload();
  }

  /**
   * Deletes a connection and its secrets. One the file seeded leaves a tombstone, so the next
   * start does not bring it back from the unchanged file. The caller makes sure no rule uses it.
   */
  async removeConnection(name: string): Promise<void> {
    const row = (await this.rows()).connections.get(name);
    if (row?.seed_hash) {
      await this.db
        .updateTable('idsync_server_connections')
        .set({ deleted_at: now(), updated_at: now() })
        .where('name', '=', name)
        .execute();
    } else {
      await this.db.deleteFrom('idsync_server_connections').where('name', '=', name).execute();
    }
    await this.secrets.delete(name);
    await this.reload();
  }

  private others<T extends { name: string }>(entries: readonly CatalogEntry<T>[], name: string): T[] {
    return entries.map((entry) => entry.definition).filter((definition) => definition.name !== name);
  }

  private check(connections: readonly ConnectionDefinition[], rules: readonly RuleDefinition[]): void {
    const issues: ConfigIssue[] = checkDefinitions(connections, rules, this.connectors, this.schemas);
    if (issues.length) throw new CatalogError(issues);
  }

  private secretKeys(connector: string): Set<string> {
    return secretKeysOf(this.connectors, connector);
  }

  private async writeRow(
    table: keyof CatalogTables,
    name: string,
    definition: unknown,
    origin: 'file' | 'api',
    seedHash: string | null,
    pending: string | null,
  ): Promise<void> {
    const row: CatalogRow = {
      name,
      definition: JSON.stringify(definition),
      origin,
      seed_hash: seedHash,
      pending,
      deleted_at: null,
      updated_at: now(),
    };
    await this.db
      .insertInto(table)
      .values(row)
      .onConflict((conflict) =>
        conflict.column('name').doUpdateSet({
          definition: row.definition,
          origin,
          seed_hash: seedHash,
          pending,
          deleted_at: null,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }

  private async rows(): Promise<{ connections: Map<string, CatalogRow>; rules: Map<string, CatalogRow> }> {
    const connections = await this.db.selectFrom('idsync_server_connections').selectAll().execute();
    const rules = await this.db.selectFrom('idsync_server_rules').selectAll().execute();
    return {
      connections: new Map(connections.map((r) => [r.name, r])),
      rules: new Map(rules.map((r) => [r.name, r])),
    };
  }

  /** Reads the tables back and puts the secrets in place (decrypted, in memory only). */
  private async reload(): Promise<void> {
    const rows = await this.rows();
    const connections = new Map<string, CatalogEntry<ConnectionDefinition>>();
    for (const row of rows.connections.values()) {
      if (row.deleted_at) continue;
      const definition = JSON.parse(row.definition) as ConnectionDefinition;
      const config = { ...definition.config };
      for (const key of this.secretKeys(definition.connector)) {
        const value = await this.secrets.get(definition.name, key);
        if (value !== undefined) config[key] = value;
      }
      connections.set(row.name, {
        definition: { ...definition, config },
        origin: row.origin as 'file' | 'api',
      });
    }
    const rules = new Map<string, CatalogEntry<RuleDefinition> & { pending?: PendingDeletion }>();
    for (const row of rows.rules.values()) {
      if (row.deleted_at) continue;
      rules.set(row.name, {
        definition: JSON.parse(row.definition) as RuleDefinition,
        origin: row.origin as 'file' | 'api',
        ...(row.pending ? { pending: JSON.parse(row.pending) as PendingDeletion } : {}),
      });
    }
    this.connectionEntries = connections;
    this.ruleEntries = rules;
  }
}
