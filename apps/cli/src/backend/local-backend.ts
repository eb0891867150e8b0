import type { ObjectType, TestConnectionResult } from '@idsync/core';
import {
  startSyncServer,
  loadServerConfig,
  type ConnectionStatus,
  type Direction,
  type PlanRun,
  type RunResult,
  type RunningServer,
  presentPlan,
} from '@idsync/sync-server';
import { CliError, type Backend, type ConnectionSummary, type Explanation } from './backend.js';

const PLAN_LIMIT = 1000;

/**
 * The engine in the CLI's own process, on the config file's store: no server needed. It opens
 * the same store a server would (an embedded data directory can be open in one process only:
 * with a server running, use --server).
 */
export class LocalBackend implements Backend {
  private constructor(
    private readonly server: RunningServer,
    readonly describe: string,
  ) {}

  static async open(
    configFile: string,
    env: Readonly<Record<string, string | undefined>>,
  ): Promise<LocalBackend> {
    const { config, connectors } = await loadServerConfig(configFile, env);
    try {
      const server = await startSyncServer({
        config: {
          ...config,
          server: { ...config.server, logLevel: env.IDSYNC_LOG_LEVEL === 'debug' ? 'debug' : 'warn' },
        },
        connectors,
        env,
        listen: false,
        schedule: false,
        logDestination: process.stderr,
      });
      return new LocalBackend(server, `${configFile} (${server.settings.store.describe})`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const inUse = /lock|in use|already/i.test(message)
        ? ' The data directory may be in use by a running server: use --server URL instead.'
        : '';
      throw new CliError(`Cannot open the store of ${configFile}: ${message}.${inUse}`);
    }
  }

  async connections(): Promise<ConnectionSummary[]> {
    return this.server.engine.catalog.listConnections().map(({ definition }) => ({
      name: definition.name,
      connector: definition.connector,
      directions: [...this.server.engine.work(definition.name).keys()],
    }));
  }

  async plan(connection: string): Promise<PlanRun[]> {
    const runs = await this.server.engine.sync(connection, {
      mode: 'full',
      dryRun: true,
      trigger: 'cli plan',
    });
    return (await presentPlan(this.server.engine, runs, PLAN_LIMIT)).runs;
  }

  sync(
    connection: string,
    mode: 'full' | 'incremental',
    directions: readonly Direction[],
  ): Promise<RunResult[]> {
    return this.server.engine.sync(connection, { mode, directions, trigger: 'cli' });
  }

  status(): Promise<ConnectionStatus[]> {
    return this.server.engine.status();
  }

  explain(objectType: ObjectType, ref: string, connection?: string): Promise<Explanation> {
    return this.server.engine.explain(objectType, ref, connection);
  }

  approve(runId: string, comment?: string): Promise<RunResult[]> {
    return this.server.engine.approve(runId, 'idsync CLI', comment);
  }

  testConnection(name: string): Promise<TestConnectionResult> {
    return this.server.engine.testConnection(name);
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
