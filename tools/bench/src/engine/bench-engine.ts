import {
  DEFAULT_CONNECTION_PREFERENCES,
  DEFAULT_DELETION_GUARD,
  DEFAULT_EXECUTION_SETTINGS,
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
} from '@idsync/connector-testkit';
import { usersRule } from '@idsync/scenarios';
import { createCoreRegistry } from '@idsync/scim';
import type { IdsyncStore } from '@idsync/store';
import { StoreCallCounter } from './count-store-calls.js';
import { Ticker } from './ticker.js';

/** The connection id every benchmark rule and link names. */
export const BENCH_CONNECTION_ID = 'target';

/**
 * The engine as the server wires it — the outbound reconciler with its default page size (500)
 * and plan concurrency (8) over the real store — provisioning the hub's users to an empty
 * reference target (the testkit's in-memory store behind its connector) with the scenarios'
 * "all users" rule. Unlike the scenario harness (small pages, so tests cross page boundaries),
 * nothing here is tuned for tests. The connection's rate limit is lifted as in the scenarios:
 * the target answers from memory, and a real target's rate limit would otherwise be the
 * only thing a run measured.
 */
export class BenchEngine {
  readonly registry = createCoreRegistry();
  readonly target: InMemoryIdentityStore;
  readonly connector: ReferenceConnector;
  readonly connection: Connection;
  readonly rules: ProvisioningRule[] = [usersRule({ connectionId: BENCH_CONNECTION_ID })];
  readonly calls: StoreCallCounter;
  private readonly reconciler: OutboundReconciler;

  /** `ticker` is ticked on every store call the engine makes (see Ticker). */
  constructor(
    readonly store: IdsyncStore,
    readonly ticker: Ticker = new Ticker(),
  ) {
    this.calls = new StoreCallCounter(ticker);
    const referenceStores = new ReferenceStores();
    this.target = referenceStores.create({ name: 'target', accessKey: 'target-key' });
    const config = validateConnectorConfig(REFERENCE_MANIFEST, { name: 'target', accessKey: 'target-key' });
    this.connector = createReferenceDefinition(referenceStores).create(config, {
      connectionId: BENCH_CONNECTION_ID,
      log: () => undefined,
    }) as ReferenceConnector;
    this.connection = {
      id: BENCH_CONNECTION_ID,
      name: 'Benchmark target',
      connectorId: 'reference',
      config,
      preferences: DEFAULT_CONNECTION_PREFERENCES,
      deletionGuard: DEFAULT_DELETION_GUARD,
      execution: { ...DEFAULT_EXECUTION_SETTINGS, requestsPerSecond: 1_000_000, burst: 1_000_000 },
    };
    this.reconciler = new OutboundReconciler({ stores: this.calls.wrap(store), registry: this.registry });
  }

  /** One outbound cycle for users; `plan` makes it a dry run. */
  sync(mode: 'full' | 'incremental', plan: boolean): Promise<RunSummary> {
    return this.reconciler.run({
      connection: this.connection,
      connector: this.connector,
      manifest: REFERENCE_MANIFEST,
      rules: this.rules,
      objectType: 'User',
      mode,
      dryRun: plan,
    });
  }

  /** Connector calls since the last call (get, find, create, patch…), the ones made; then starts a new count. */
  takeRemoteCalls(): Record<string, number> {
    const counts = Object.fromEntries(
      Object.entries(this.target.faults.callCounts()).filter(([, count]) => count > 0),
    );
    this.target.faults.resetCounts();
    return counts;
  }
}
