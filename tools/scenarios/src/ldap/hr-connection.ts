import {
  DEFAULT_CONNECTION_PREFERENCES,
  DEFAULT_DELETION_GUARD,
  DEFAULT_EXECUTION_SETTINGS,
  InboundReconciler,
  OutboundReconciler,
  validateConnectorConfig,
  type Connection,
  type ProvisioningRule,
  type RunSummary,
} from '@idsync/core';
import {
  createReferenceDefinition,
  REFERENCE_MANIFEST,
  ReferenceStores,
  type InMemoryIdentityStore,
  type ReferenceConnector,
  type ReferenceOperation,
} from '@idsync/connector-testkit';
import type { SchemaRegistry } from '@idsync/scim';
import type { IdsyncStore } from '@idsync/store';

export const HR_CONNECTION_ID = 'hr';

/**
 * A second connection on the same hub: an HR system played by the testkit's reference store
 * (which counts the calls it gets, so a scenario can prove nothing was written to it), with
 * both reconcilers, so HR can feed the hub and take values back from it.
 */
export class HrConnection {
  readonly hr: InMemoryIdentityStore;
  readonly connection: Connection;
  private readonly connector: ReferenceConnector;
  private readonly inbound: InboundReconciler;
  private readonly outbound: OutboundReconciler;

  constructor(store: IdsyncStore, registry: SchemaRegistry) {
    const stores = new ReferenceStores();
    this.hr = stores.create({ name: 'hr', accessKey: 'hr-key' });
    const config = validateConnectorConfig(REFERENCE_MANIFEST, {
      name: 'hr',
      accessKey: 'hr-key',
      pageSize: 50,
    });
    this.connector = createReferenceDefinition(stores).create(config, {
      connectionId: HR_CONNECTION_ID,
      log: () => undefined,
    }) as ReferenceConnector;
    this.connection = {
      id: HR_CONNECTION_ID,
      name: 'HR',
      connectorId: REFERENCE_MANIFEST.id,
      config,
      preferences: DEFAULT_CONNECTION_PREFERENCES,
      deletionGuard: DEFAULT_DELETION_GUARD,
      execution: { ...DEFAULT_EXECUTION_SETTINGS, requestsPerSecond: 100_000, burst: 100_000 },
    };
    this.inbound = new InboundReconciler({ stores: store, registry, pageSize: 100 });
    this.outbound = new OutboundReconciler({ stores: store, registry, pageSize: 100 });
  }

  /** HR → hub. */
  pull(rules: readonly ProvisioningRule[], mode: 'full' | 'incremental'): Promise<RunSummary> {
    const target = { connection: this.connection, connector: this.connector, manifest: REFERENCE_MANIFEST };
    return this.inbound.run({ ...target, rules, objectType: 'User', mode });
  }

  /** Hub → HR. */
  push(rules: readonly ProvisioningRule[], mode: 'full' | 'incremental'): Promise<RunSummary> {
    const target = { connection: this.connection, connector: this.connector, manifest: REFERENCE_MANIFEST };
    return this.outbound.run({ ...target, rules, objectType: 'User', mode });
  }

  /** HR writes (create, patch, replace, disable, delete) since the counts were last reset. */
  writes(): number {
    const writes: readonly ReferenceOperation[] = ['create', 'patch', 'replace', 'disable', 'delete'];
    return writes.reduce((sum, operation) => sum + this.hr.faults.callCount(operation), 0);
  }
}
