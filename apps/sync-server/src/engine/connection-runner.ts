import {
  Executor,
  InboundReconciler,
  OutboundReconciler,
  type Connection,
  type ConnectionHealth,
  type ConnectorRegistry,
  type ObjectExplanation,
  type ObjectType,
  type ProvisioningRule,
  type RunSummary,
  type TestConnectionResult,
} from '@idsync/core';
import type { SchemaRegistry } from '@idsync/scim';
import type { IdsyncStore } from '@idsync/store';
import type { Logger } from 'pino';
import type { ServerMetrics } from '../metrics/server-metrics.js';
import { ConnectorPool } from './connector-pool.js';
import { RunReporter } from './run-reporter.js';

export type Direction = 'inbound' | 'outbound';

export interface RunnerOptions {
  readonly store: IdsyncStore;
  readonly connectors: ConnectorRegistry;
  readonly schemas: SchemaRegistry;
  readonly logger: Logger;
  readonly metrics: ServerMetrics;
  readonly pageSize?: number;
}

/**
 * Runs single reconciliations against connections: the core reconcilers, the connector
 * instances, and the executor whose rate limits and quarantine outlive single runs. Each run is
 * reported (metrics, a log line). Ordering and exclusivity are the SyncEngine's business.
 */
export class ConnectionRunner {
  private readonly executor: Executor;
  private readonly outbound: OutboundReconciler;
  private readonly inbound: InboundReconciler;
  private readonly pool: ConnectorPool;
  private readonly reporter: RunReporter;

  constructor(options: RunnerOptions) {
    const { metrics, store, schemas, logger } = options;
    this.executor = new Executor();
    this.executor.waits$.subscribe(({ connectionId, reason, ms }) => {
      metrics.executionWaits.inc({ connection: connectionId, reason });
      metrics.executionWaitSeconds.inc({ connection: connectionId, reason }, ms / 1000);
    });
    this.executor.healthChanges$.subscribe((health) => {
      metrics.quarantined.set({ connection: health.connectionId }, health.state === 'healthy' ? 0 : 1);
      if (health.state === 'quarantined') {
        logger.warn(
          { connection: health.connectionId, reason: health.quarantine.reason },
          'connection quarantined',
        );
      } else if (health.state === 'healthy') {
        logger.info({ connection: health.connectionId }, 'connection healthy again');
      }
    });
    const pageSize = options.pageSize ?? 500;
    this.outbound = new OutboundReconciler({
      stores: store,
      registry: schemas,
      executor: this.executor,
      pageSize,
    });
    this.inbound = new InboundReconciler({ stores: store, registry: schemas, pageSize });
    this.reporter = new RunReporter(logger, metrics, store.runs);
    this.pool = new ConnectorPool(
      options.connectors,
      (connectionId) => (level, message, fields) =>
        logger[level]({ connection: connectionId, ...fields }, message),
    );
  }

  async run(
    connection: Connection,
    direction: Direction,
    objectType: ObjectType,
    rules: readonly ProvisioningRule[],
    request: { mode: 'full' | 'incremental'; dryRun: boolean; trigger: string; signal?: AbortSignal },
  ): Promise<RunSummary> {
    const started = performance.now();
    const { connector, manifest } = await this.pool.get(connection);
    const run = {
      connection,
      connector,
      manifest,
      rules,
      objectType,
      mode: request.mode,
      dryRun: request.dryRun,
      ...(request.signal ? { signal: request.signal } : {}),
    };
    const summary = direction === 'outbound' ? await this.outbound.run(run) : await this.inbound.run(run);
    await this.reporter.report({
      connection: connection.id,
      direction,
      objectType,
      summary,
      started,
      dryRun: request.dryRun,
      trigger: request.trigger,
    });
    return summary;
  }

  /** A rule's deletion through the engine's guard, deprovisioning or releasing as asked. */
  async deleteRule(
    connection: Connection,
    rule: ProvisioningRule,
    options: { deprovision: boolean; dryRun: boolean; signal?: AbortSignal },
  ): Promise<RunSummary> {
    const started = performance.now();
    const { connector, manifest } = await this.pool.get(connection);
    const preferences = { ...connection.preferences, deprovisionOnRuleDeletion: options.deprovision };
    const summary = await this.outbound.deleteRule({
      connection: { ...connection, preferences },
      connector,
      manifest,
      rule,
      dryRun: options.dryRun,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const trigger = `delete rule ${rule.id}`;
    await this.reporter.report({
      connection: connection.id,
      direction: 'rule-deletion',
      objectType: rule.objectType,
      summary,
      started,
      trigger,
      dryRun: options.dryRun,
    });
    return summary;
  }

  async explain(
    connection: Connection,
    rules: readonly ProvisioningRule[],
    objectType: ObjectType,
    hubId: string,
  ): Promise<ObjectExplanation> {
    const { connector, manifest } = await this.pool.get(connection);
    return this.outbound.explain({ connection, connector, manifest, rules, objectType, hubId });
  }

  /** The connector's own test; a connector that cannot even open fails with why. */
  async testConnection(connection: Connection): Promise<TestConnectionResult> {
    try {
      const { connector } = await this.pool.get(connection);
      if (connector.testConnection) return await connector.testConnection();
      return {
        ok: true,
        checks: [
          {
            name: 'test',
            ok: true,
            detail: 'This connector has no connection test; it opened without error.',
          },
        ],
      };
    } catch (error) {
      return {
        ok: false,
        checks: [{ name: 'open', ok: false, detail: error instanceof Error ? error.message : String(error) }],
      };
    }
  }

  health(connectionId: string): ConnectionHealth {
    return this.executor.health(connectionId);
  }

  /** Closes the connector instance of a deleted connection. */
  forget(connectionId: string): Promise<void> {
    return this.pool.close(connectionId);
  }

  close(): Promise<void> {
    return this.pool.closeAll();
  }
}
