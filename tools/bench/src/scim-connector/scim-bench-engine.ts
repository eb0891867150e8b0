import {
  DEFAULT_CONNECTION_PREFERENCES,
  DEFAULT_DELETION_GUARD,
  DEFAULT_EXECUTION_SETTINGS,
  OutboundReconciler,
  validateConnectorConfig,
  type Connection,
  type ExecutionSettings,
  type RunSummary,
} from '@idsync/core';
import { SCIM_DEFINITION, SCIM_MANIFEST, type ScimConnector } from '@idsync/connector-scim';
import { usersRule } from '@idsync/scenarios';
import { createCoreRegistry, type ScimResource } from '@idsync/scim';
import { startScimTarget, type RateLimitOptions, type ScimTarget } from '@idsync/scim-target';
import { MEMORY_DATA_DIR, openStore, type IdsyncStore } from '@idsync/store';
import { StoreCallCounter, type StoreCallCounts } from '../engine/count-store-calls.js';
import { loadHubUsers } from '../engine/load-hub-users.js';
import { classifyRequests, type TrafficFigures } from './classify-requests.js';

const TOKEN = 'bench-Bearer-Token-3380';
const CONNECTION_ID = 'target';

export interface ScimBenchOptions {
  /** Hub users, all active, bulk-loaded before anything is timed. */
  readonly users: number;
  /** Latency the simulated target adds to every request (0: loopback only). */
  readonly latencyMs?: number;
  /** The target's own limit: 429 + Retry-After beyond it. */
  readonly rateLimit?: RateLimitOptions;
  /** Connector settings beyond URL and credentials (e.g. `requestsPerSecond`). */
  readonly connector?: Record<string, unknown>;
  /** The connection's execution settings; by default the engine's rate limit is lifted. */
  readonly execution?: Partial<ExecutionSettings>;
}

/**
 * The engine as the server wires it — the outbound reconciler with its default page size and
 * plan concurrency over the real store (PGlite in memory) — provisioning the hub's users to
 * the SCIM target simulator over loopback HTTP through the real SCIM connector, made by
 * `open` so PATCH is discovered. Every remote effect is an HTTP request the simulator logs,
 * which is what the request figures count.
 */
export class ScimBenchEngine {
  private constructor(
    /** Hub users loaded: the directory size every per-user figure divides by. */
    readonly users: number,
    readonly store: IdsyncStore,
    readonly simulator: ScimTarget,
    readonly connector: ScimConnector,
    readonly connection: Connection,
    private readonly reconciler: OutboundReconciler,
    private readonly storeCalls: StoreCallCounter,
  ) {}

  static async start(options: ScimBenchOptions): Promise<ScimBenchEngine> {
    const simulator = await startScimTarget({
      auth: { kind: 'bearer', token: TOKEN },
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      ...(options.latencyMs ? { faults: { latency: { ms: options.latencyMs } } } : {}),
    });
    const store = await openStore({ dataDir: MEMORY_DATA_DIR, env: {} });
    await loadHubUsers(store, { users: options.users, throughApi: 0 });
    const config = validateConnectorConfig(SCIM_MANIFEST, {
      baseUrl: simulator.baseUrl,
      authMethod: 'oauth-bearer',
      bearerToken: TOKEN,
      ...options.connector,
    });
    const connector = await SCIM_DEFINITION.open(config, {
      connectionId: CONNECTION_ID,
      log: () => undefined,
    });
    const connection: Connection = {
      id: CONNECTION_ID,
      name: 'SCIM benchmark target',
      connectorId: 'scim',
      config,
      preferences: DEFAULT_CONNECTION_PREFERENCES,
      deletionGuard: DEFAULT_DELETION_GUARD,
      execution: {
        ...DEFAULT_EXECUTION_SETTINGS,
        requestsPerSecond: 1_000_000,
        burst: 1_000_000,
        ...options.execution,
      },
    };
    // The engine's store calls are counted: in-process, PGlite is where most of a run's CPU goes.
    const storeCalls = new StoreCallCounter();
    const reconciler = new OutboundReconciler({
      stores: storeCalls.wrap(store),
      registry: createCoreRegistry(),
    });
    const engine = new ScimBenchEngine(
      options.users,
      store,
      simulator,
      connector,
      connection,
      reconciler,
      storeCalls,
    );
    engine.takeTraffic(); // discovery is not part of any phase
    return engine;
  }

  /** One outbound cycle for users. */
  sync(mode: 'full' | 'incremental'): Promise<RunSummary> {
    return this.reconciler.run({
      connection: this.connection,
      connector: this.connector,
      manifest: SCIM_MANIFEST,
      rules: [usersRule({ connectionId: CONNECTION_ID })],
      objectType: 'User',
      mode,
    });
  }

  /** What the target received since the last call; then starts a new count. */
  takeTraffic(): TrafficFigures {
    const traffic = classifyRequests(this.simulator.requests.all());
    this.simulator.requests.clear();
    return traffic;
  }

  /** The engine's store calls since the last call, by method; then starts a new count. */
  takeStoreCalls(): StoreCallCounts {
    return this.storeCalls.take();
  }

  /** Gives every hub user a new title (one change each, in the change feed): the next run updates them all. */
  async retitleEveryone(title: string): Promise<number> {
    let changed = 0;
    for await (const page of this.store.hub.scan('User', { pageSize: 500 })) {
      for (const user of page) {
        await this.store.hub.replace('User', user.id, { ...user.resource, title } as ScimResource);
        changed++;
      }
    }
    return changed;
  }

  async close(): Promise<void> {
    await this.connector.close();
    await this.simulator.close();
    await this.store.close();
  }
}
