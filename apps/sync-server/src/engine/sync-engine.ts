import {
  connectionSyncStatus,
  Executor,
  InboundReconciler,
  objectSyncStatus,
  OutboundReconciler,
  type ConnectionSyncStatus,
  type ConnectorRegistry,
  type ObjectExplanation,
  type ObjectSyncStatus,
  type ObjectType,
  type ProvisioningRule,
  type RunSummary,
  type StoredOperation,
  type TestConnectionResult,
  type Connection,
} from '@idsync/core';
import { formatFilterLiteral, parseFilter, type SchemaRegistry } from '@idsync/scim';
import type { IdsyncStore } from '@idsync/store';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.js';
import { countingClock } from '../metrics/counting-clock.js';
import type { RunDirection, ServerMetrics } from '../metrics/server-metrics.js';
import { ConnectorPool } from './connector-pool.js';
import { ConflictError, NotFoundError, StoppingError } from './engine-errors.js';
import { KeyedQueue } from './keyed-queue.js';

export type Direction = 'inbound' | 'outbound';

export interface SyncRequest {
  readonly mode: 'full' | 'incremental';
  readonly dryRun?: boolean;
  /** Default: every direction the connection has enabled rules for (inbound first). */
  readonly directions?: readonly Direction[];
  /** Who asked: `schedule`, `api`, `cli` — logged with the run. */
  readonly trigger: string;
}

export interface RunResult {
  readonly connection: string;
  readonly direction: RunDirection;
  readonly objectType: ObjectType;
  readonly summary: RunSummary;
}

export interface ConnectionStatus extends ConnectionSyncStatus {
  readonly health: 'healthy' | 'quarantined' | 'probing';
  readonly quarantineReason?: string;
}

export interface EngineOptions {
  readonly store: IdsyncStore;
  readonly catalog: Catalog;
  readonly connectors: ConnectorRegistry;
  readonly schemas: SchemaRegistry;
  readonly logger: Logger;
  readonly metrics: ServerMetrics;
  /** Objects per page in every run (small in tests to get multi-page runs). */
  readonly pageSize?: number;
}

/** Users before groups: group memberships can only point at users that exist remotely. */
const TYPE_ORDER: readonly ObjectType[] = ['User', 'Group'];

/**
 * The server's engine room: runs the core reconcilers for the catalog's connections, one run at
 * a time per connection, and keeps the connector instances, the executor (rate limits,
 * quarantine) and the metrics that outlive single runs. Everything the scheduler, the admin API
 * and the CLI do to connections goes through here.
 */
export class SyncEngine {
  private readonly queue = new KeyedQueue();
  private readonly executor: Executor;
  private readonly outbound: OutboundReconciler;
  private readonly inbound: InboundReconciler;
  private readonly pool: ConnectorPool;
  private stopping = false;

  constructor(private readonly options: EngineOptions) {
    const { metrics, store, schemas, logger } = options;
    this.executor = new Executor({
      clock: countingClock((ms) => {
        metrics.executionWaits.inc();
        metrics.executionWaitSeconds.inc(ms / 1000);
      }),
    });
    this.executor.healthChanges$.subscribe((health) => {
      metrics.quarantined.set({ connection: health.connectionId }, health.state === 'healthy' ? 0 : 1);
      if (health.state === 'quarantined') logger.warn({ connection: health.connectionId, reason: health.quarantine.reason }, 'connection quarantined');
      else if (health.state === 'healthy') logger.info({ connection: health.connectionId }, 'connection healthy again');
    });
    const pageSize = options.pageSize ?? 500;
    this.outbound = new OutboundReconciler({ stores: store, registry: schemas, executor: this.executor, pageSize });
    this.inbound = new InboundReconciler({ stores: store, registry: schemas, pageSize });
    this.pool = new ConnectorPool(options.connectors, (connectionId) => (level, message, fields) =>
      logger[level]({ connection: connectionId, ...fields }, message),
    );
  }

  get store(): IdsyncStore {
    return this.options.store;
  }

  get catalog(): Catalog {
    return this.options.catalog;
  }

  /** Rules the engine runs with: every catalog rule (one pending deletion stays in force until approved). */
  rules(): ProvisioningRule[] {
    return this.options.catalog.rules();
  }

  /** Which directions and object types a connection has enabled rules for. */
  work(connection: string): Map<Direction, ObjectType[]> {
    const work = new Map<Direction, ObjectType[]>();
    for (const direction of ['inbound', 'outbound'] as const) {
      const types = TYPE_ORDER.filter((type) =>
        this.rules().some((r) => r.enabled && r.connectionId === connection && r.direction === direction && r.objectType === type),
      );
      if (types.length) work.set(direction, types);
    }
    return work;
  }

  /** Full or incremental runs (or a plan) of one connection, inbound before outbound, users before groups. */
  sync(name: string, request: SyncRequest): Promise<RunResult[]> {
    const connection = this.requireConnection(name);
    return this.enqueue(name, async () => {
      const results: RunResult[] = [];
      const work = this.work(name);
      for (const direction of request.directions ?? (['inbound', 'outbound'] as const)) {
        for (const objectType of work.get(direction) ?? []) {
          results.push(await this.runOne(connection, direction, objectType, request));
        }
      }
      return results;
    });
  }

  /** The stored operations of a run (a plan's content), page by page. */
  operations(runId: string, after = 0, limit = 500): Promise<StoredOperation[]> {
    return this.options.store.runs.operations(runId, after, limit);
  }

  /**
   * Deletes a rule through the engine's guard. `dryRun` only plans. Deprovisioning removals
   * beyond the deletion guard wait for approval: the rule then stays in force, marked pending,
   * until `approve` carries the deletion out.
   */
  deleteRule(name: string, options: { deprovision: boolean; dryRun: boolean }): Promise<RunSummary> {
    const entry = this.options.catalog.getRule(name);
    if (!entry) throw new NotFoundError(`There is no rule named "${name}".`);
    const connection = this.requireConnection(entry.definition.connection);
    return this.enqueue(connection.id, () => this.carryOutRuleDeletion(connection, name, options));
  }

  /** Records an approval; a rule deletion waiting for it is carried out, any other connection runs in full at once. */
  async approve(runId: string, approvedBy: string, comment?: string): Promise<RunResult[]> {
    const { runs } = this.options.store;
    const run = await runs.get(runId);
    if (!run) throw new NotFoundError(`There is no run ${runId}.`);
    if (run.status !== 'awaiting-approval') throw new ConflictError(`Run ${runId} is ${run.status}; only a run awaiting approval can be approved.`);
    await runs.approve({ runId, approvedBy, approvedAt: new Date().toISOString(), ...(comment ? { comment } : {}) });
    this.options.logger.info({ runId, connection: run.connectionId, approvedBy }, 'run approved');
    const pending = this.options.catalog.listRules().find((entry) => entry.pending?.runId === runId);
    if (pending) {
      const connection = this.requireConnection(pending.definition.connection);
      const summary = await this.enqueue(connection.id, () =>
        this.carryOutRuleDeletion(connection, pending.definition.name, { deprovision: pending.pending!.deprovision, dryRun: false }),
      );
      return [{ connection: connection.id, direction: 'rule-deletion', objectType: pending.definition.objectType, summary }];
    }
    return this.sync(run.connectionId, { mode: 'full', trigger: `approval of ${runId}` });
  }

  /** Why a hub object is or is not on each outbound connection, and its sync status everywhere. */
  async explain(objectType: ObjectType, ref: string, connectionName?: string): Promise<{ hubId: string; explanations: ObjectExplanation[]; status: ObjectSyncStatus[] }> {
    const hubId = await this.resolveHubId(objectType, ref);
    const names = connectionName ? [connectionName] : this.options.catalog.listConnections().map((e) => e.definition.name);
    const explanations: ObjectExplanation[] = [];
    for (const name of names) {
      const connection = this.requireConnection(name);
      if (!this.work(name).get('outbound')?.includes(objectType) && !connectionName) continue;
      const { connector, manifest } = await this.pool.get(connection);
      explanations.push(await this.outbound.explain({ connection, connector, manifest, rules: this.rules(), objectType, hubId }));
    }
    const status = await objectSyncStatus(this.options.store.links, names, objectType, hubId);
    return { hubId, explanations, status };
  }

  async objectStatus(objectType: ObjectType, ref: string): Promise<{ hubId: string; status: ObjectSyncStatus[] }> {
    const hubId = await this.resolveHubId(objectType, ref);
    const names = this.options.catalog.listConnections().map((e) => e.definition.name);
    return { hubId, status: await objectSyncStatus(this.options.store.links, names, objectType, hubId) };
  }

  async status(name?: string): Promise<ConnectionStatus[]> {
    const names = name ? [this.requireConnection(name).id] : this.options.catalog.listConnections().map((e) => e.definition.name);
    const statuses: ConnectionStatus[] = [];
    for (const id of names) {
      const sync = await connectionSyncStatus(this.options.store.links, this.options.store.runs, id);
      const health = this.executor.health(id);
      statuses.push({ ...sync, health: health.state, ...(health.state !== 'healthy' ? { quarantineReason: health.quarantine.reason } : {}) });
    }
    return statuses;
  }

  async testConnection(name: string): Promise<TestConnectionResult> {
    const connection = this.requireConnection(name);
    try {
      const { connector } = await this.pool.get(connection);
      if (!connector.testConnection) return { ok: true, checks: [{ name: 'test', ok: true, detail: 'This connector has no connection test; it opened without error.' }] };
      return await connector.testConnection();
    } catch (error) {
      return { ok: false, checks: [{ name: 'open', ok: false, detail: error instanceof Error ? error.message : String(error) }] };
    }
  }

  /** Whether hub changes wait to be pushed to the connection (outbound checkpoints behind the change feed). */
  async outboundBehind(name: string): Promise<boolean> {
    const types = this.work(name).get('outbound') ?? [];
    if (!types.length) return false;
    const latest = await this.options.store.hub.latestChangeCursor();
    let behind = false;
    for (const type of types) {
      const checkpoint = await this.options.store.checkpoints.get(name, type, 'outbound');
      if (checkpoint?.token === undefined || (latest !== undefined && BigInt(checkpoint.token) < BigInt(latest))) behind = true;
    }
    this.options.metrics.hubChangesPending.set({ connection: name }, behind ? 1 : 0);
    return behind;
  }

  /** The userName or displayName of a hub object, for plans a person reads. */
  async hubLabel(objectType: string, hubId: string): Promise<string | undefined> {
    if (objectType !== 'User' && objectType !== 'Group') return undefined;
    const object = await this.options.store.hub.get(objectType, hubId);
    const resource = object?.resource as { userName?: string; displayName?: string } | undefined;
    return resource?.userName ?? resource?.displayName;
  }

  /** True while a run of the connection is running or queued. */
  busy(name: string): boolean {
    return this.queue.busy(name);
  }

  /** Stops taking runs, lets the runs in flight finish (their checkpoints recorded), closes the connectors. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.queue.drain();
    await this.pool.closeAll();
  }

  private enqueue<T>(key: string, work: () => Promise<T>): Promise<T> {
    if (this.stopping) return Promise.reject(new StoppingError());
    const promise = this.queue.run(key, work);
    this.publishQueueDepth();
    void promise.finally(() => this.publishQueueDepth()).catch(() => undefined);
    return promise;
  }

  private publishQueueDepth(): void {
    this.options.metrics.queueDepth.reset();
    for (const [connection, depth] of this.queue.depth()) this.options.metrics.queueDepth.set({ connection }, depth);
  }

  private requireConnection(name: string): Connection {
    const connection = this.options.catalog.connection(name);
    if (!connection) throw new NotFoundError(`There is no connection named "${name}".`);
    return connection;
  }

  private async resolveHubId(objectType: ObjectType, ref: string): Promise<string> {
    const { hub } = this.options.store;
    const byId = /^[0-9a-f-]{36}$/i.test(ref) ? await hub.get(objectType, ref) : undefined;
    if (byId) return byId.id;
    if (objectType === 'User') {
      const user = (await hub.findByUserName(ref)) ?? (await hub.findByEmail(ref))[0];
      if (user) return user.id;
    } else {
      const found = await hub.search('Group', { startIndex: 1, count: 1, filter: parseFilter(`displayName eq ${formatFilterLiteral(ref)}`) });
      if (found.objects[0]) return found.objects[0].id;
    }
    throw new NotFoundError(`No hub ${objectType.toLowerCase()} has the id, ${objectType === 'User' ? 'userName or email' : 'or displayName'} "${ref}".`);
  }

  private async runOne(connection: Connection, direction: Direction, objectType: ObjectType, request: SyncRequest): Promise<RunResult> {
    const started = performance.now();
    const { connector, manifest } = await this.pool.get(connection);
    const base = { connection, connector, manifest, rules: this.rules(), objectType, mode: request.mode, dryRun: request.dryRun ?? false };
    const summary = direction === 'outbound' ? await this.outbound.run(base) : await this.inbound.run(base);
    this.record(connection.id, direction, objectType, summary, started, request.trigger, request.dryRun ?? false);
    await this.logOperations(connection.id, summary.runId);
    return { connection: connection.id, direction, objectType, summary };
  }

  private async carryOutRuleDeletion(connection: Connection, name: string, options: { deprovision: boolean; dryRun: boolean }): Promise<RunSummary> {
    const entry = this.options.catalog.getRule(name);
    if (!entry) throw new NotFoundError(`There is no rule named "${name}".`);
    const rule = this.rules().find((r) => r.id === name)!;
    const started = performance.now();
    const { connector, manifest } = await this.pool.get(connection);
    const target = { ...connection, preferences: { ...connection.preferences, deprovisionOnRuleDeletion: options.deprovision } };
    const summary = await this.outbound.deleteRule({ connection: target, connector, manifest, rule, dryRun: options.dryRun });
    this.record(connection.id, 'rule-deletion', rule.objectType, summary, started, `delete rule ${name}`, options.dryRun);
    if (options.dryRun) return summary;
    await this.logOperations(connection.id, summary.runId);
    if (summary.status === 'awaiting-approval') await this.options.catalog.setPendingDeletion(name, { runId: summary.runId, deprovision: options.deprovision });
    else await this.options.catalog.removeRule(name);
    return summary;
  }

  private record(connection: string, direction: RunDirection, objectType: ObjectType, summary: RunSummary, started: number, trigger: string, dryRun: boolean): void {
    const seconds = (performance.now() - started) / 1000;
    if (!dryRun) this.options.metrics.recordRun(connection, direction, summary, seconds);
    const level = summary.status === 'failed' ? 'error' : summary.status === 'awaiting-approval' || summary.status === 'partial' ? 'warn' : 'info';
    this.options.logger[level](
      { connection, direction, objectType, runId: summary.runId, mode: summary.mode, plan: dryRun, status: summary.status, counts: summary.counts, durationMs: Math.round(seconds * 1000), trigger, ...(summary.reason ? { reason: summary.reason } : {}) },
      dryRun ? 'plan' : 'run',
    );
  }

  /** One debug line per operation of a run (read back from the store, page by page). */
  private async logOperations(connection: string, runId: string): Promise<void> {
    const { logger } = this.options;
    if (!logger.isLevelEnabled('debug')) return;
    for (let after = 0; ; ) {
      const page = await this.operations(runId, after, 500);
      if (!page.length) return;
      after = page[page.length - 1]!.sequence;
      for (const operation of page) {
        const reason = (operation.detail as { reason?: { summary?: string } }).reason?.summary;
        logger.debug({ connection, runId, sequence: operation.sequence, operation: operation.kind, objectType: operation.objectType, hubId: operation.hubId, remoteId: operation.remoteId, reason }, 'operation');
      }
    }
  }
}
