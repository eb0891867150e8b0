import {
  DEFAULT_CONNECTION_PREFERENCES,
  DEFAULT_DELETION_GUARD,
  DEFAULT_EXECUTION_SETTINGS,
  Executor,
  OutboundReconciler,
  validateConnectorConfig,
  type Connection,
  type ConnectionPreferences,
  type Connector,
  type DeletionGuardSettings,
  type ExecutionSettings,
  type ObjectType,
  type ProvisioningRule,
  type RunSummary,
} from '@idsync/core';
import { SCIM_DEFINITION, SCIM_MANIFEST, type ScimConnector } from '@idsync/connector-scim';
import { createCoreRegistry, GROUP_SCHEMA, type ScimResource } from '@idsync/scim';
import { startScimTarget, type ScimTarget, type ScimTargetOptions } from '@idsync/scim-target';
import { openStore, type IdsyncStore } from '@idsync/store';
import { hubUser, usersRule } from '../engine-harness.js';
import type { ProcessCrash } from './process-crash.js';

/** The bearer token the simulated target expects and the connection sends. */
export const SCIM_TOKEN = 'scenario-Bearer-Token-5521';

export interface ScimHarnessOptions {
  /** How the simulated target behaves: version, profile, PATCH, ETags, rate limit, faults. */
  readonly target?: ScimTargetOptions;
  /** Connector settings beyond the base URL and credentials: preset, patchMode, scimVersion… */
  readonly connector?: Record<string, unknown>;
  /**
   * `open` (default) asks the target before choosing the connector class, so PATCH is used when
   * the target offers it; `create` is the SPI's synchronous factory (replace-only under `discover`).
   */
  readonly factory?: 'open' | 'create';
  readonly preferences?: Partial<ConnectionPreferences>;
  readonly deletionGuard?: Partial<DeletionGuardSettings>;
  readonly execution?: Partial<ExecutionSettings>;
  readonly rules?: ProvisioningRule[];
  /** Objects per page of the reconciler (small pages make multi-page plans with few users). */
  readonly pageSize?: number;
}

/**
 * The whole engine against a SCIM service over loopback HTTP: the real store (PGlite in
 * memory), the outbound reconciler, the real SCIM connector, and the SCIM target simulator in
 * this process. Nothing is faked: every remote effect is a request the simulator answered, and
 * tests assert on the simulator's store and request log.
 *
 * Retries run without backoff jitter (the executor draws 0), so fault tests spend their time
 * on the faults and on Retry-After, not on random waits.
 */
export class ScimEngineHarness {
  readonly registry = createCoreRegistry();
  connection: Connection;
  rules: ProvisioningRule[];
  connector!: ScimConnector;
  /** What the reconciler calls: the connector, or a view of it that a crash kills. */
  private engineConnector!: Connector;
  private reconciler!: OutboundReconciler;
  private pageSize: number;
  private readonly opened: ScimConnector[] = [];

  private constructor(
    readonly store: IdsyncStore,
    readonly simulator: ScimTarget,
    private readonly options: ScimHarnessOptions,
  ) {
    const config = validateConnectorConfig(SCIM_MANIFEST, {
      baseUrl: simulator.baseUrl,
      authMethod: 'oauth-bearer',
      bearerToken: SCIM_TOKEN,
      ...options.connector,
    });
    this.connection = {
      id: 'target',
      name: 'SCIM target',
      connectorId: 'scim',
      config,
      preferences: { ...DEFAULT_CONNECTION_PREFERENCES, ...options.preferences },
      deletionGuard: { ...DEFAULT_DELETION_GUARD, ...options.deletionGuard },
      execution: {
        ...DEFAULT_EXECUTION_SETTINGS,
        requestsPerSecond: 100_000,
        burst: 100_000,
        ...options.execution,
      },
    };
    this.rules = options.rules ?? [usersRule()];
    this.pageSize = options.pageSize ?? 100;
  }

  static async start(options: ScimHarnessOptions = {}): Promise<ScimEngineHarness> {
    const simulator = await startScimTarget({
      auth: { kind: 'bearer', token: SCIM_TOKEN },
      ...options.target,
    });
    const store = await openStore({ dataDir: 'memory://' });
    const harness = new ScimEngineHarness(store, simulator, options);
    await harness.restart();
    return harness;
  }

  /**
   * A new process: a new connector (made by the configured factory, so `open` discovers again)
   * and a new reconciler with a new executor over the same store and the same target. What the
   * old process held in memory — its connector's HTTP pool, its executor's quarantine — is gone.
   * With `crash`, this process is doomed: it sees the store and the connector through the
   * crash's views, and dies where the crash says.
   */
  async restart(options: { pageSize?: number; crash?: ProcessCrash } = {}): Promise<void> {
    this.pageSize = options.pageSize ?? this.pageSize;
    const context = { connectionId: this.connection.id, log: () => undefined };
    this.connector =
      this.options.factory === 'create'
        ? SCIM_DEFINITION.create(this.connection.config as Record<string, unknown>, context)
        : await SCIM_DEFINITION.open(this.connection.config as Record<string, unknown>, context);
    this.opened.push(this.connector);
    const { crash } = options;
    this.engineConnector = crash ? crash.connector(this.connector) : this.connector;
    this.reconciler = new OutboundReconciler({
      stores: crash ? crash.stores(this.store) : this.store,
      registry: this.registry,
      pageSize: this.pageSize,
      executor: new Executor({ random: () => 0 }),
    });
  }

  setPreferences(preferences: Partial<ConnectionPreferences>): void {
    this.connection = { ...this.connection, preferences: { ...this.connection.preferences, ...preferences } };
  }

  /** One outbound cycle of `objectType`; `plan` makes it a dry run. */
  sync(
    objectType: ObjectType = 'User',
    options: { mode?: 'full' | 'incremental'; plan?: boolean } = {},
  ): Promise<RunSummary> {
    return this.reconciler.run({
      connection: this.connection,
      connector: this.engineConnector,
      manifest: SCIM_MANIFEST,
      rules: this.rules,
      objectType,
      mode: options.mode ?? 'full',
      dryRun: options.plan ?? false,
    });
  }

  /** Deletes a rule through the engine, as the server does; the rule must be gone from `rules` already. */
  deleteRule(rule: ProvisioningRule): Promise<RunSummary> {
    return this.reconciler.deleteRule({
      connection: this.connection,
      connector: this.engineConnector,
      manifest: SCIM_MANIFEST,
      rule,
    });
  }

  async addUser(userName: string, extra: Record<string, unknown> = {}): Promise<string> {
    const population = await this.store.hub.defaultPopulation();
    return (await this.store.hub.create('User', population.id, hubUser(userName, extra))).id;
  }

  /** A hub user exactly as given (no defaults filled in), for users missing attributes on purpose. */
  async addRawUser(resource: ScimResource): Promise<string> {
    const population = await this.store.hub.defaultPopulation();
    return (await this.store.hub.create('User', population.id, resource)).id;
  }

  async updateUser(id: string, changes: Record<string, unknown>): Promise<void> {
    const current = await this.store.hub.get('User', id);
    if (!current) throw new Error(`no hub user ${id}`);
    await this.store.hub.replace('User', id, { ...current.resource, ...changes } as ScimResource);
  }

  async addGroup(displayName: string, memberIds: readonly string[] = []): Promise<string> {
    const population = await this.store.hub.defaultPopulation();
    const members = memberIds.map((value) => ({ value, type: 'User' }));
    return (
      await this.store.hub.create('Group', population.id, { schemas: [GROUP_SCHEMA], displayName, members })
    ).id;
  }

  async updateGroup(
    id: string,
    changes: { displayName?: string; memberIds?: readonly string[] },
  ): Promise<void> {
    const current = await this.store.hub.get('Group', id);
    if (!current) throw new Error(`no hub group ${id}`);
    const next: ScimResource = { ...current.resource };
    if (changes.displayName !== undefined) next.displayName = changes.displayName;
    if (changes.memberIds) next.members = changes.memberIds.map((value) => ({ value, type: 'User' }));
    await this.store.hub.replace('Group', id, next);
  }

  /** Remote users (canonical SCIM 2.0, as the simulator holds them) by userName. */
  remoteUsers(): Map<string, ScimResource> {
    return new Map(this.simulator.store.users.all().map((user) => [String(user.userName), user]));
  }

  remoteUser(userName: string): ScimResource | undefined {
    return this.remoteUsers().get(userName);
  }

  /** Remote groups named `displayName`: more than one is a duplicate. */
  remoteGroupsNamed(displayName: string): ScimResource[] {
    return this.simulator.store.groups.find((group) => group.displayName === displayName);
  }

  /** The userNames of the members of the one remote group named `displayName`, sorted. */
  remoteMemberNames(displayName: string): string[] {
    const groups = this.remoteGroupsNamed(displayName);
    if (groups.length !== 1)
      throw new Error(`expected one remote group "${displayName}", found ${groups.length}`);
    const members = (groups[0]!.members as { value: string }[] | undefined) ?? [];
    return members
      .map(({ value }) => String(this.simulator.store.users.get(value)?.userName ?? `unknown:${value}`))
      .sort();
  }

  async close(): Promise<void> {
    for (const connector of this.opened.splice(0)) await connector.close();
    await this.simulator.close();
    await this.store.close();
  }
}
