import {
  DEFAULT_CONNECTION_PREFERENCES,
  DEFAULT_DELETION_GUARD,
  DEFAULT_EXECUTION_SETTINGS,
  InboundReconciler,
  validateConnectorConfig,
  type Connection,
  type Connector,
  type ProvisioningRule,
  type RunSummary,
} from '@idsync/core';
import { LDAP_DEFINITION, LDAP_MANIFEST } from '@idsync/connector-ldap';
import { createCoreRegistry } from '@idsync/scim';
import type { IdsyncStore } from '@idsync/store';
import { StoreCallCounter } from '../engine/count-store-calls.js';
import { benchConnectionConfig, type LdapBenchTarget } from './ldap-bench-directory.js';

export const LDAP_BENCH_CONNECTION_ID = 'ldap-bench';

/** The inbound rule of the benchmark: the person attributes every seeded entry has. */
export const LDAP_BENCH_RULE: ProvisioningRule = {
  id: 'ldap-people',
  name: 'People from LDAP',
  direction: 'inbound',
  connectionId: LDAP_BENCH_CONNECTION_ID,
  objectType: 'User',
  enabled: true,
  scope: {},
  mappings: [
    { kind: 'direct', target: 'userName', source: 'userName' },
    { kind: 'direct', target: 'displayName', source: 'displayName' },
    { kind: 'direct', target: 'name.givenName', source: 'name.givenName' },
    { kind: 'direct', target: 'name.familyName', source: 'name.familyName' },
    { kind: 'direct', target: 'title', source: 'title' },
    { kind: 'direct', target: 'emails[type eq "work"].value', source: 'emails[type eq "work"].value' },
    { kind: 'direct', target: 'active', source: 'active' },
  ],
};

/** The connection's settings, validated against the plugin's manifest as the server does. */
const benchConfig = (target: LdapBenchTarget, pageSize: number) =>
  validateConnectorConfig(LDAP_MANIFEST, benchConnectionConfig(target, pageSize));

/** An LDAP connector for the target, made as the server makes one (definition + validated settings). */
export function createBenchConnector(target: LdapBenchTarget, pageSize: number): Connector {
  return LDAP_DEFINITION.create(benchConfig(target, pageSize), {
    connectionId: LDAP_BENCH_CONNECTION_ID,
    log: () => undefined,
  });
}

/**
 * The inbound engine over one LDAP connection and the hub, with the hub's store calls counted:
 * what the benchmark's reconciliation and incremental phases run.
 */
export class LdapBenchEngine {
  readonly connector: Connector;
  readonly calls = new StoreCallCounter();
  private readonly connection: Connection;
  private readonly reconciler: InboundReconciler;

  constructor(
    readonly store: IdsyncStore,
    target: LdapBenchTarget,
    pageSize: number,
  ) {
    const config = benchConfig(target, pageSize);
    this.connector = LDAP_DEFINITION.create(config, {
      connectionId: LDAP_BENCH_CONNECTION_ID,
      log: () => undefined,
    });
    this.connection = {
      id: LDAP_BENCH_CONNECTION_ID,
      name: 'LDAP benchmark',
      connectorId: LDAP_MANIFEST.id,
      config,
      preferences: DEFAULT_CONNECTION_PREFERENCES,
      deletionGuard: DEFAULT_DELETION_GUARD,
      execution: DEFAULT_EXECUTION_SETTINGS,
    };
    this.reconciler = new InboundReconciler({
      stores: this.calls.wrap(store),
      registry: createCoreRegistry(),
      pageSize,
    });
  }

  pull(mode: 'full' | 'incremental'): Promise<RunSummary> {
    return this.reconciler.run({
      connection: this.connection,
      connector: this.connector,
      manifest: LDAP_MANIFEST,
      rules: [LDAP_BENCH_RULE],
      objectType: 'User',
      mode,
    });
  }

  async close(): Promise<void> {
    await this.connector.close?.();
  }
}
