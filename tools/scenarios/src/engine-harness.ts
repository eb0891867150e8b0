import {
  DEFAULT_CONNECTION_PREFERENCES,
  DEFAULT_DELETION_GUARD,
  DEFAULT_EXECUTION_SETTINGS,
  OutboundReconciler,
  validateConnectorConfig,
  type Executor,
  type ExecutionSettings,
  type Connection,
  type ConnectionPreferences,
  type ConnectorManifest,
  type DeletionGuardSettings,
  type ObjectType,
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
import { createCoreRegistry, ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type ScimResource } from '@idsync/scim';
import { openStore, type IdsyncStore, type StoreOptions } from '@idsync/store';

export interface HarnessOptions {
  readonly preferences?: Partial<ConnectionPreferences>;
  readonly deletionGuard?: Partial<DeletionGuardSettings>;
  readonly rules?: ProvisioningRule[];
  readonly store?: StoreOptions;
  /** Overrides what the reference connector declares (e.g. a small maxMembersPerRequest). */
  readonly capabilities?: Partial<ConnectorManifest['capabilities']>;
  /** The engine's clock (link times, retry backoff, approvals); the system clock by default. */
  readonly now?: () => Date;
}

/** The rule most scenarios use: every hub user, the usual attributes. */
export const usersRule = (overrides: Partial<ProvisioningRule> = {}): ProvisioningRule => ({
  id: 'all-users',
  name: 'All users to the target',
  direction: 'outbound',
  connectionId: 'target',
  objectType: 'User',
  enabled: true,
  scope: {},
  mappings: [
    { target: 'userName', kind: 'direct', source: 'userName' },
    { target: 'displayName', kind: 'direct', source: 'displayName' },
    { target: 'name.givenName', kind: 'direct', source: 'name.givenName' },
    { target: 'name.familyName', kind: 'direct', source: 'name.familyName' },
    { target: 'title', kind: 'direct', source: 'title' },
    { target: 'active', kind: 'direct', source: 'active', defaultIfEmpty: true },
    { target: 'emails[type eq "work"].value', kind: 'direct', source: 'emails[type eq "work"].value' },
  ],
  ...overrides,
});

export const groupsRule = (overrides: Partial<ProvisioningRule> = {}): ProvisioningRule => ({
  id: 'all-groups',
  name: 'Groups to the target',
  direction: 'outbound',
  connectionId: 'target',
  objectType: 'Group',
  enabled: true,
  scope: {},
  mappings: [{ target: 'displayName', kind: 'direct', source: 'displayName' }],
  ...overrides,
});

export const hubUser = (userName: string, extra: Record<string, unknown> = {}): ScimResource => {
  const [given = userName, family = 'Tester'] = userName.split('@')[0]!.split('.');
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    userName,
    displayName: `${given} ${family}`,
    name: { givenName: given, familyName: family },
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
    ...extra,
  };
};

/**
 * One hub (the real store on embedded PGlite), one reference target store, one connection
 * between them and a reconciler: the whole engine, with nothing faked but the remote store,
 * which is the testkit's reference connector.
 */
export class EngineHarness {
  readonly registry = createCoreRegistry();
  readonly referenceStores = new ReferenceStores();
  readonly target: InMemoryIdentityStore;
  /** The connector the engine uses; `useConnector` swaps it (e.g. for one without PATCH). */
  connector: ReferenceConnector;
  connection: Connection;
  rules: ProvisioningRule[];
  readonly manifest: ConnectorManifest;
  private reconciler: OutboundReconciler;

  private constructor(
    readonly store: IdsyncStore,
    private readonly options: HarnessOptions,
  ) {
    this.target = this.referenceStores.create({ name: 'target', accessKey: 'target-key' });
    const config = validateConnectorConfig(REFERENCE_MANIFEST, {
      name: 'target',
      accessKey: 'target-key',
      pageSize: 50,
    });
    this.connector = createReferenceDefinition(this.referenceStores).create(config, {
      connectionId: 'target',
      log: () => undefined,
    }) as ReferenceConnector;
    this.connection = {
      id: 'target',
      name: 'Target directory',
      connectorId: 'reference',
      config,
      preferences: { ...DEFAULT_CONNECTION_PREFERENCES, ...options.preferences },
      deletionGuard: { ...DEFAULT_DELETION_GUARD, ...options.deletionGuard },
      execution: { ...DEFAULT_EXECUTION_SETTINGS, requestsPerSecond: 100_000, burst: 100_000 },
    };
    this.rules = options.rules ?? [usersRule()];
    this.manifest = {
      ...REFERENCE_MANIFEST,
      capabilities: { ...REFERENCE_MANIFEST.capabilities, ...options.capabilities },
    };
    this.reconciler = this.newReconciler();
  }

  static async start(options: HarnessOptions = {}): Promise<EngineHarness> {
    const store = await openStore(options.store ?? { dataDir: 'memory://' });
    return new EngineHarness(store, options);
  }

  private newReconciler(): OutboundReconciler {
    return new OutboundReconciler({
      stores: this.store,
      registry: this.registry,
      pageSize: 100,
      ...(this.options.now ? { now: this.options.now } : {}),
    });
  }

  useConnector(connector: Partial<ReferenceConnector>): void {
    this.connector = connector as ReferenceConnector;
  }

  setPreferences(preferences: Partial<ConnectionPreferences>): void {
    this.connection = { ...this.connection, preferences: { ...this.connection.preferences, ...preferences } };
  }

  /** Runs one cycle; `plan` makes it a dry run. */
  sync(
    objectType: ObjectType = 'User',
    options: { mode?: 'full' | 'incremental'; plan?: boolean } = {},
  ): Promise<RunSummary> {
    return this.reconciler.run({
      connection: this.connection,
      connector: this.connector,
      manifest: this.manifest,
      rules: this.rules,
      objectType,
      mode: options.mode ?? 'full',
      dryRun: options.plan ?? false,
    });
  }

  explain(hubId: string, objectType: ObjectType = 'User') {
    return this.reconciler.explain({
      connection: this.connection,
      connector: this.connector,
      manifest: this.manifest,
      rules: this.rules,
      objectType,
      hubId,
    });
  }

  /** Deletes a rule the way the server does: through the engine, with the same guard. */
  connectorDeleteRule(rule: ProvisioningRule, plan = false): Promise<RunSummary> {
    return this.reconciler.deleteRule({
      connection: this.connection,
      connector: this.connector,
      manifest: this.manifest,
      rule,
      dryRun: plan,
    });
  }

  async linkOf(userName: string) {
    const user = await this.store.hub.findByUserName(userName);
    return user ? this.store.links.get('target', 'User', user.id) : undefined;
  }

  async addUser(userName: string, extra: Record<string, unknown> = {}): Promise<string> {
    const population = await this.store.hub.defaultPopulation();
    return (await this.store.hub.create('User', population.id, hubUser(userName, extra))).id;
  }

  async updateUser(id: string, changes: Record<string, unknown>): Promise<void> {
    const current = await this.store.hub.get('User', id);
    if (!current) throw new Error(`no hub user ${id}`);
    await this.store.hub.replace('User', id, { ...current.resource, ...changes } as ScimResource);
  }

  /** Remote users by userName, as the target store holds them (its native attributes). */
  remoteUsers(): Map<string, Readonly<Record<string, unknown>>> {
    return new Map(
      this.target.all('User').map((record) => [String(record.attributes.userName), record.attributes]),
    );
  }

  async close(): Promise<void> {
    await this.store.close();
  }

  /**
   * The process starts again after a crash: a new reconciler (and so a new executor) over the
   * same store and the same remote target. The store and the remote side survive a crash;
   * nothing the old process held in memory does. Also sets the page size and the executor a
   * test needs (small pages give multi-page plans with few users; an executor whose jitter is
   * pinned keeps retries short).
   */
  restart(options: { pageSize?: number; executor?: Executor } = {}): void {
    this.reconciler = new OutboundReconciler({
      stores: this.store,
      registry: this.registry,
      pageSize: options.pageSize ?? 100,
      ...(options.executor ? { executor: options.executor } : {}),
    });
  }

  /** Changes the connection's execution settings (few attempts, a low quarantine threshold…). */
  setExecution(execution: Partial<ExecutionSettings>): void {
    this.connection = { ...this.connection, execution: { ...this.connection.execution, ...execution } };
  }
}
