import {
  connectionSyncStatus,
  objectSyncStatus,
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
import type { SchemaRegistry } from '@idsync/scim';
import type { IdsyncStore } from '@idsync/store';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.js';
import type { RunDirection, ServerMetrics } from '../metrics/server-metrics.js';
import { ConnectionRunner, type Direction } from './connection-runner.js';
import { ConflictError, NotFoundError, StoppingError } from './engine-errors.js';
import { forgetConnection, type ForgottenState } from './forget-connection.js';
import { hubLabel, resolveHubId } from './hub-lookup.js';
import { KeyedQueue } from './keyed-queue.js';

export type { Direction } from './connection-runner.js';

/** Change-feed cursors are increasing integers as text; compared as numbers, else as text. */
function cursorBefore(cursor: string, latest: string): boolean {
  return /^\d+$/.test(cursor) && /^\d+$/.test(latest) ? BigInt(cursor) < BigInt(latest) : cursor !== latest;
}

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
  private readonly runner: ConnectionRunner;
  private stopping = false;
  /** Aborted on shutdown: every run gets its signal, stops starting writes and ends `cancelled`. */
  private readonly shutdown = new AbortController();

  constructor(private readonly options: EngineOptions) {
    this.runner = new ConnectionRunner(options);
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
        this.rules().some(
          (r) =>
            r.enabled && r.connectionId === connection && r.direction === direction && r.objectType === type,
        ),
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
          // Shutting down: the run that was stopped is reported; the ones after it do not start.
          if (this.shutdown.signal.aborted) return results;
          // Users run before groups; a user provisioned after its group leaves the group pending,
          // and the incremental group run that follows adds the member (core: late members).
          const result = await this.runOne(connection, direction, objectType, request);
          results.push(result);
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

  /**
   * Deletes a connection: refused while rules use it (they are named); otherwise its links,
   * the memberships idsync recorded, its checkpoints and its secrets are removed, its connector
   * instance closed, and the deletion audit-logged. Objects in the connection's store are left
   * as they are. Waits for a run of the connection in progress to end first.
   */
  deleteConnection(name: string, actor: string): Promise<ForgottenState> {
    this.requireConnection(name);
    return this.enqueue(name, async () => {
      this.requireConnection(name);
      const users = this.options.catalog
        .listRules()
        .filter((entry) => entry.definition.connection === name)
        .map((entry) => entry.definition.name);
      if (users.length)
        throw new ConflictError(
          `Connection "${name}" is used by rule${users.length > 1 ? 's' : ''} ${users.map((rule) => `"${rule}"`).join(', ')}: delete ${users.length > 1 ? 'those rules' : 'that rule'} first (DELETE /api/rules/<name>), then the connection.`,
        );
      const forgotten = await forgetConnection(this.options.store, name);
      await this.options.catalog.removeConnection(name);
      await this.runner.forget(name);
      await this.options.store.audit.append([
        {
          at: new Date().toISOString(),
          actor,
          action: 'connection.deleted',
          connectionId: name,
          detail: { ...forgotten, remoteObjects: 'left as they are' },
        },
      ]);
      const { metrics } = this.options;
      for (const gauge of [metrics.queueDepth, metrics.quarantined, metrics.hubChangesPending])
        gauge.remove({ connection: name });
      for (const reason of ['concurrency', 'rate-limit', 'retry-after'] as const) {
        metrics.executionWaits.remove({ connection: name, reason });
        metrics.executionWaitSeconds.remove({ connection: name, reason });
      }
      this.options.logger.info({ connection: name, actor, ...forgotten }, 'connection deleted');
      return forgotten;
    });
  }

  /** Records an approval; a rule deletion waiting for it is carried out, any other connection runs in full at once. */
  async approve(runId: string, approvedBy: string, comment?: string): Promise<RunResult[]> {
    const { runs } = this.options.store;
    const run = await runs.get(runId);
    if (!run) throw new NotFoundError(`There is no run ${runId}.`);
    if (run.status !== 'awaiting-approval')
      throw new ConflictError(`Run ${runId} is ${run.status}; only a run awaiting approval can be approved.`);
    await runs.approve({
      runId,
      approvedBy,
      approvedAt: new Date().toISOString(),
      ...(comment ? { comment } : {}),
    });
    this.options.logger.info({ runId, connection: run.connectionId, approvedBy }, 'run approved');
    const pending = this.options.catalog.listRules().find((entry) => entry.pending?.runId === runId);
    if (pending) {
      const connection = this.requireConnection(pending.definition.connection);
      const summary = await this.enqueue(connection.id, () =>
        this.carryOutRuleDeletion(connection, pending.definition.name, {
          deprovision: pending.pending!.deprovision,
          dryRun: false,
        }),
      );
      return [
        {
          connection: connection.id,
          direction: 'rule-deletion',
          objectType: pending.definition.objectType,
          summary,
        },
      ];
    }
    return this.sync(run.connectionId, { mode: 'full', trigger: `approval of ${runId}` });
  }

  /** Why a hub object is or is not on each outbound connection, and its sync status everywhere. */
  async explain(
    objectType: ObjectType,
    ref: string,
    connectionName?: string,
  ): Promise<{ hubId: string; explanations: ObjectExplanation[]; status: ObjectSyncStatus[] }> {
    const hubId = await resolveHubId(this.options.store.hub, objectType, ref);
    const names = connectionName
      ? [connectionName]
      : this.options.catalog.listConnections().map((e) => e.definition.name);
    const explanations: ObjectExplanation[] = [];
    for (const name of names) {
      const connection = this.requireConnection(name);
      if (!this.work(name).get('outbound')?.includes(objectType) && !connectionName) continue;
      explanations.push(await this.runner.explain(connection, this.rules(), objectType, hubId));
    }
    const status = await objectSyncStatus(this.options.store.links, names, objectType, hubId);
    return { hubId, explanations, status };
  }

  async objectStatus(
    objectType: ObjectType,
    ref: string,
  ): Promise<{ hubId: string; status: ObjectSyncStatus[] }> {
    const hubId = await resolveHubId(this.options.store.hub, objectType, ref);
    const names = this.options.catalog.listConnections().map((e) => e.definition.name);
    return { hubId, status: await objectSyncStatus(this.options.store.links, names, objectType, hubId) };
  }

  async status(name?: string): Promise<ConnectionStatus[]> {
    const names = name
      ? [this.requireConnection(name).id]
      : this.options.catalog.listConnections().map((e) => e.definition.name);
    const statuses: ConnectionStatus[] = [];
    for (const id of names) {
      const sync = await connectionSyncStatus(this.options.store.links, this.options.store.runs, id);
      const health = this.runner.health(id);
      statuses.push({
        ...sync,
        health: health.state,
        ...(health.state !== 'healthy' ? { quarantineReason: health.quarantine.reason } : {}),
      });
    }
    return statuses;
  }

  testConnection(name: string): Promise<TestConnectionResult> {
    return this.runner.testConnection(this.requireConnection(name));
  }

  /** Whether hub changes wait to be pushed to the connection (outbound checkpoints behind the change feed). */
  async outboundBehind(name: string): Promise<boolean> {
    const types = this.work(name).get('outbound') ?? [];
    if (!types.length) return false;
    const latest = await this.options.store.hub.latestChangeCursor();
    let behind = false;
    for (const type of types) {
      const checkpoint = await this.options.store.checkpoints.get(name, type, 'outbound');
      if (checkpoint?.token === undefined || (latest !== undefined && cursorBefore(checkpoint.token, latest)))
        behind = true;
    }
    this.options.metrics.hubChangesPending.set({ connection: name }, behind ? 1 : 0);
    return behind;
  }

  /** The userName or displayName of a hub object, for plans a person reads. */
  hubLabel(objectType: string, hubId: string): Promise<string | undefined> {
    return hubLabel(this.options.store.hub, objectType, hubId);
  }

  /** True while a run of the connection is running or queued. */
  busy(name: string): boolean {
    return this.queue.busy(name);
  }

  /**
   * Stops taking runs and tells the runs in flight to stop: they start no new write, and the
   * writes in flight finish and are recorded (checkpoints stay behind unfinished work). Waits
   * for that at most `graceMs`, then closes the connectors. Resolves with whether the runs
   * finished within the grace period.
   */
  async stop(graceMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    this.stopping = true;
    this.shutdown.abort('the server is shutting down');
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      this.queue.drain().then(() => true),
      ...(Number.isFinite(graceMs)
        ? [new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))]
        : []),
    ]);
    clearTimeout(timer);
    if (!drained)
      this.options.logger.warn(
        { graceMs },
        'shutdown grace period over with runs still in flight: closing anyway (the next run converges)',
      );
    await this.runner.close();
    return drained;
  }

  private enqueue<T>(key: string, work: () => Promise<T>): Promise<T> {
    if (this.stopping) return Promise.reject(new StoppingError());
    // Work queued behind a run when the shutdown came does not start at all.
    const promise = this.queue.run(key, () => (this.stopping ? Promise.reject(new StoppingError()) : work()));
    this.publishQueueDepth();
    void promise.finally(() => this.publishQueueDepth()).catch(() => undefined);
    return promise;
  }

  private publishQueueDepth(): void {
    this.options.metrics.queueDepth.reset();
    for (const [connection, depth] of this.queue.depth())
      this.options.metrics.queueDepth.set({ connection }, depth);
  }

  private requireConnection(name: string): Connection {
    const connection = this.options.catalog.connection(name);
    if (!connection) throw new NotFoundError(`There is no connection named "${name}".`);
    return connection;
  }

  private async runOne(
    connection: Connection,
    direction: Direction,
    objectType: ObjectType,
    request: SyncRequest,
  ): Promise<RunResult> {
    const summary = await this.runner.run(connection, direction, objectType, this.rules(), {
      mode: request.mode,
      dryRun: request.dryRun ?? false,
      trigger: request.trigger,
      signal: this.shutdown.signal,
    });
    return { connection: connection.id, direction, objectType, summary };
  }

  private async carryOutRuleDeletion(
    connection: Connection,
    name: string,
    options: { deprovision: boolean; dryRun: boolean },
  ): Promise<RunSummary> {
    const entry = this.options.catalog.getRule(name);
    if (!entry) throw new NotFoundError(`There is no rule named "${name}".`);
    const rule = this.rules().find((r) => r.id === name)!;
    const summary = await this.runner.deleteRule(connection, rule, {
      ...options,
      signal: this.shutdown.signal,
    });
    // A stopped deletion changed part of what it planned: the rule stays until it is deleted again.
    if (options.dryRun || summary.status === 'cancelled') return summary;
    if (summary.status === 'awaiting-approval')
      await this.options.catalog.setPendingDeletion(name, {
        runId: summary.runId,
        deprovision: options.deprovision,
      });
    else await this.options.catalog.removeRule(name);
    return summary;
  }
}
