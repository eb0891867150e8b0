import { join, resolve } from 'node:path';
import type { StoreOptions } from '@idsync/store';
import type { ServerConfig } from '../config/config-schema.js';

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = './data';

/** Where the server listens, what it stores in, and its admin token: the file, with the environment winning. */
export interface RuntimeSettings {
  readonly host: string;
  readonly port: number;
  readonly adminToken?: string;
  readonly store: StoreOptions & { readonly describe: string };
  /** The data directory (PGlite mode), also where the quickstart keeps its simulator's state. */
  readonly dataDir?: string;
}

/**
 * Resolves the settings the environment may override. Environment variables win over the
 * file: `HOST`, `PORT`, `IDSYNC_ADMIN_TOKEN`, `DATABASE_URL` (PostgreSQL, winning over any data
 * directory) and `IDSYNC_DATA_DIR` (embedded PGlite, default ./data).
 */
export function resolveRuntimeSettings(
  config: ServerConfig,
  env: Readonly<Record<string, string | undefined>>,
): RuntimeSettings {
  const port =
    env.PORT !== undefined && env.PORT !== '' ? Number(env.PORT) : (config.server.port ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT is "${env.PORT}"; set it to a port number (0–65535).`);
  const host = env.HOST || config.server.host || DEFAULT_HOST;
  const adminToken = env.IDSYNC_ADMIN_TOKEN || config.server.adminToken;
  const databaseUrl = env.DATABASE_URL || config.store.databaseUrl;
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    const where = `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}${config.store.schema ? ` (schema ${config.store.schema})` : ''}`;
    return {
      host,
      port,
      ...(adminToken ? { adminToken } : {}),
      store: {
        databaseUrl,
        ...(config.store.schema ? { schema: config.store.schema } : {}),
        env,
        describe: where,
      },
    };
  }
  const dataDir = resolve(env.IDSYNC_DATA_DIR || config.store.dataDir || DEFAULT_DATA_DIR);
  return {
    host,
    port,
    ...(adminToken ? { adminToken } : {}),
    dataDir,
    store: {
      dataDir: join(dataDir, 'pglite'),
      env: { ...env, DATABASE_URL: undefined },
      describe: `embedded PGlite in ${dataDir}`,
    },
  };
}
