import { ConfigError } from '@idsync/core';
import { loadConfigFile } from '../config/load-config.js';
import { createConnectorRegistry } from '../connectors/installed-connectors.js';
import { createCoreRegistry } from '@idsync/scim';
import { resolveRuntimeSettings, type RuntimeSettings } from './runtime-settings.js';
import { startSyncServer, type RunningServer, type StartOptions } from './start-sync-server.js';

export interface ServeOptions extends Partial<Omit<StartOptions, 'config' | 'connectors'>> {
  readonly configFile: string;
  /** Called with the resolved settings before anything starts (the quickstart restores its simulator here). */
  readonly beforeStart?: (settings: RuntimeSettings) => void | Promise<void>;
  /** Called once the server listens (the quickstart prints its banner here). */
  readonly onStarted?: (server: RunningServer) => void | Promise<void>;
  /** Where problems go before the logger exists. */
  readonly stderr?: { write(text: string): unknown };
}

/**
 * Loads the config file, starts the server, and stops it gracefully on SIGTERM or SIGINT: the
 * runs in flight finish their work and record their checkpoints before the store closes. A
 * second signal stops at once (the engine's intent records make that safe to rerun).
 * Resolves with the exit code once the server has stopped.
 */
export async function serve(options: ServeOptions): Promise<number> {
  const stderr = options.stderr ?? process.stderr;
  const env = options.env ?? process.env;
  const connectors = await createConnectorRegistry();
  let server: RunningServer;
  try {
    const config = await loadConfigFile(options.configFile, {
      env,
      connectors,
      schemas: createCoreRegistry(),
    });
    await options.beforeStart?.(resolveRuntimeSettings(config, env));
    server = await startSyncServer({ ...options, config, connectors, env });
  } catch (error) {
    stderr.write(
      `${error instanceof ConfigError ? error.message : `idsync could not start: ${error instanceof Error ? error.message : String(error)}`}\n`,
    );
    return error instanceof ConfigError ? 2 : 1;
  }
  await options.onStarted?.(server);
  return new Promise<number>((resolve) => {
    let signals = 0;
    const stop = (signal: NodeJS.Signals) => {
      signals++;
      if (signals > 1) {
        server.logger.warn({ signal }, 'second signal: stopping at once');
        resolve(130);
        return;
      }
      server.logger.info({ signal }, 'signal received');
      server.close().then(
        () => resolve(0),
        (error: unknown) => {
          server.logger.error({ err: error }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}
