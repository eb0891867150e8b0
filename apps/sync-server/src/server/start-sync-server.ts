import type { ConnectorRegistry } from '@idsync/core';
import { createCoreRegistry } from '@idsync/scim';
import { openStore, type IdsyncStore } from '@idsync/store';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { Catalog } from '../catalog/catalog.js';
import type { ConnectionDefinition, ServerConfig } from '../config/config-schema.js';
import { SyncEngine } from '../engine/sync-engine.js';
import { buildHttpServer } from '../http/build-http-server.js';
import { scimInboundMount } from '../http/mount-scim-inbound.js';
import { createLogger } from '../logging/create-logger.js';
import { SecretScrubber } from '../logging/secret-scrubber.js';
import { ServerMetrics } from '../metrics/server-metrics.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { engineSchedulerTarget } from './engine-scheduler-target.js';
import { resolveRuntimeSettings, type RuntimeSettings } from './runtime-settings.js';

export interface StartOptions {
  readonly config: ServerConfig;
  readonly connectors: ConnectorRegistry;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where log lines go (default stdout). */
  readonly logDestination?: { write(line: string): unknown };
  /** Objects per page in runs. */
  readonly pageSize?: number;
  /** Set false to run without the scheduler (the CLI's one-shot commands). */
  readonly schedule?: boolean;
  /** Set false to run without HTTP (the CLI's one-shot commands). */
  readonly listen?: boolean;
}

export interface RunningServer {
  readonly url?: string;
  readonly settings: RuntimeSettings;
  readonly logger: Logger;
  readonly engine: SyncEngine;
  readonly store: IdsyncStore;
  readonly scheduler: Scheduler;
  readonly app?: FastifyInstance;
  /**
   * Graceful: no new runs or requests; runs in flight are stopped (no new writes, the writes in
   * flight finish and are recorded, within the shutdown grace period), then the store closes.
   */
  close(): Promise<void>;
}

/** Every secret the server knows, so the log scrubber can remove them wherever they appear. */
function collectSecrets(
  definitions: readonly ConnectionDefinition[],
  connectors: ConnectorRegistry,
  config: ServerConfig,
  settings: RuntimeSettings,
): string[] {
  const secrets: string[] = [];
  for (const definition of definitions) {
    if (!connectors.has(definition.connector)) continue;
    for (const field of connectors.get(definition.connector).manifest.configFields) {
      const value = definition.config[field.key];
      if (field.secret && typeof value === 'string') secrets.push(value);
    }
  }
  for (const client of config.server.scim.clients)
    secrets.push(...client.bearerTokens, ...(client.basic ? [client.basic.password] : []));
  if (settings.adminToken) secrets.push(settings.adminToken);
  if (settings.store.databaseUrl) {
    const password = new URL(settings.store.databaseUrl).password;
    if (password) secrets.push(decodeURIComponent(password));
  }
  return secrets;
}

/**
 * Starts the sync server: store, catalog (seeded from the config), engine, scheduler and HTTP.
 * The pieces start in dependency order and stop in reverse.
 */
export async function startSyncServer(options: StartOptions): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const { config, connectors } = options;
  const settings = resolveRuntimeSettings(config, env);
  const scrubber = new SecretScrubber();
  scrubber.add(...collectSecrets(config.connections, connectors, config, settings));
  const logger = createLogger({
    level: config.server.logLevel,
    scrubber,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const schemas = createCoreRegistry();
  const metrics = new ServerMetrics();

  const store = await openStore({ ...settings.store, schemaRegistry: schemas });
  try {
    const catalog = await Catalog.open(store.database, store.secrets, connectors, schemas);
    const seeded = await catalog.seed(config);
    if (seeded.added.length || seeded.updated.length)
      logger.info({ added: seeded.added, updated: seeded.updated }, 'config file applied');
    for (const entry of seeded.notInFile) {
      logger.warn(
        { entry },
        'no longer in the config file but kept (delete it through the admin API or the CLI to remove it)',
      );
    }
    for (const entry of seeded.deletedButInFile) {
      logger.warn(
        { entry },
        'in the config file but deleted through the admin API: stays deleted (remove it from the file, or change it there to bring it back)',
      );
    }
    scrubber.add(
      ...collectSecrets(
        catalog.listConnections().map((e) => e.definition),
        connectors,
        config,
        settings,
      ),
    );

    const engine = new SyncEngine({
      store,
      catalog,
      connectors,
      schemas,
      logger,
      metrics,
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    });
    const scheduler = new Scheduler(engineSchedulerTarget(engine, config), logger);
    const admin = {
      engine,
      catalog,
      scheduler,
      scrubber,
      catalogChanged: async () => {
        scrubber.add(
          ...collectSecrets(
            catalog.listConnections().map((e) => e.definition),
            connectors,
            config,
            settings,
          ),
        );
        await scheduler.refresh();
      },
    };

    let app: FastifyInstance | undefined;
    let url: string | undefined;
    if (options.listen ?? true) {
      if (!settings.adminToken)
        logger.warn(
          'no admin token configured: the admin API refuses every request until IDSYNC_ADMIN_TOKEN is set',
        );
      app = await buildHttpServer({
        logger,
        metrics,
        scrubber,
        admin,
        ...(settings.adminToken ? { adminToken: settings.adminToken } : {}),
        ready: async () => (await store.schemaStatus()).pending.length === 0,
        mountScim: scimInboundMount(config.server.scim, store.hub, schemas),
      });
      url = await app.listen({ host: settings.host, port: settings.port });
      logger.info(
        {
          url,
          store: settings.store.describe,
          connections: catalog.listConnections().length,
          rules: catalog.listRules().length,
        },
        'idsync server listening',
      );
    }
    if (options.schedule ?? true) await scheduler.refresh();

    let closing: Promise<void> | undefined;
    const graceMs = config.server.shutdownGracePeriod;
    const close = () =>
      (closing ??= (async () => {
        logger.info({ graceMs }, 'shutting down: stopping runs, waiting for the writes in flight');
        // No new ticks; runs in flight (scheduled or asked for) are told to stop at once, and
        // the HTTP server closes alongside (a request waiting for a run is answered when that
        // run has stopped). Past the grace period nothing more is waited for.
        const schedulerStopped = scheduler.stop();
        const engineStopped = engine.stop(graceMs);
        const httpClosed = app?.close();
        const drained = await engineStopped;
        if (drained) await Promise.all([schedulerStopped, httpClosed]);
        await store.close();
        logger.info(drained ? 'shut down cleanly' : 'shut down after the grace period');
      })());
    return {
      ...(url ? { url } : {}),
      settings,
      logger,
      engine,
      store,
      scheduler,
      ...(app ? { app } : {}),
      close,
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
