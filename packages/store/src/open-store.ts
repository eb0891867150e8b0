import { StatisticsKeeper } from './database/statistics-keeper.js';
import type {
  AuditLog,
  CheckpointStore,
  HubStore,
  LinkStore,
  ObjectType,
  RunStore,
  SecretStore,
} from '@idsync/core';
import { createCoreRegistry, type FilterContext, type SchemaRegistry } from '@idsync/scim';
import type { Kysely } from 'kysely';
import { KyselyAuditLog } from './audit/kysely-audit-log.js';
import { KyselyCheckpointStore } from './checkpoints/kysely-checkpoint-store.js';
import {
  connectDatabase,
  DEFAULT_DATA_DIR,
  MEMORY_DATA_DIR,
  type DatabaseTarget,
} from './database/connect-database.js';
import type { StoreDatabase } from './database/database-schema.js';
import { KyselyHubStore } from './hub/kysely-hub-store.js';
import { KyselyLinkStore } from './links/kysely-link-store.js';
import {
  migrateStore,
  schemaStatus,
  StoreSchemaError,
  type SchemaStatus,
} from './migrations/migrate-store.js';
import { KyselyRunStore } from './runs/kysely-run-store.js';
import { KyselySecretStore, type SecretKeySource } from './secrets/kysely-secret-store.js';
import { parseSecretKey, SecretKeyFile, SECRET_KEY_ENV } from './secrets/secret-key.js';

export interface StoreOptions {
  /** PostgreSQL connection string. Default: the DATABASE_URL environment variable, unless `dataDir` is given. */
  readonly databaseUrl?: string;
  /** Embedded PGlite data directory (default `./.data/pglite`); `memory://` keeps everything in memory. */
  readonly dataDir?: string;
  /** The 32-byte secret key, raw or as base64/hex. Default: IDSYNC_SECRET_KEY. */
  readonly secretKey?: Buffer | string;
  /** PostgreSQL only: the schema to keep idsync's tables in (created when missing). Default: the server's search_path. */
  readonly schema?: string;
  /** PostgreSQL only: most connections the pool opens. Default 10. */
  readonly poolSize?: number;
  /** Apply pending migrations on open (default true); when false, a schema that is not current is an error. */
  readonly migrate?: boolean;
  /** Schemas the in-memory filter evaluation resolves attributes with. Default: the SCIM core registry. */
  readonly schemaRegistry?: SchemaRegistry;
  /** Where DATABASE_URL and IDSYNC_SECRET_KEY are read from. Default: process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Everything idsync keeps, behind the core's ports. */
export interface IdsyncStore {
  readonly dialect: 'postgres' | 'pglite';
  readonly hub: HubStore;
  readonly links: LinkStore;
  readonly checkpoints: CheckpointStore;
  readonly runs: RunStore;
  readonly audit: AuditLog;
  readonly secrets: SecretStore;
  /** The Kysely handle, for diagnostics and tests; application code goes through the ports. */
  readonly database: Kysely<StoreDatabase>;
  /** Applies pending migrations (idempotent) and returns where the schema stands. */
  migrate(): Promise<SchemaStatus>;
  schemaStatus(): Promise<SchemaStatus>;
  /**
   * Analyses the engine's hot tables that grew since their last ANALYZE (see StatisticsKeeper);
   * returns their names. On PGlite this also runs by itself every 30 s; PostgreSQL's autovacuum
   * does it there, and calling it is harmless.
   */
  refreshStatistics(): Promise<string[]>;
  /** Closes the pool or PGlite; waits for work in progress. */
  close(): Promise<void>;
}

function chooseTarget(
  options: StoreOptions,
  env: Readonly<Record<string, string | undefined>>,
): DatabaseTarget {
  if (options.databaseUrl !== undefined && options.dataDir !== undefined) {
    throw new Error('Give either databaseUrl (PostgreSQL) or dataDir (embedded PGlite), not both.');
  }
  const url = options.dataDir === undefined ? (options.databaseUrl ?? env.DATABASE_URL) : undefined;
  if (url) {
    return {
      kind: 'postgres',
      url,
      ...(options.schema !== undefined ? { schema: options.schema } : {}),
      ...(options.poolSize !== undefined ? { poolSize: options.poolSize } : {}),
    };
  }
  return { kind: 'pglite', dataDir: options.dataDir ?? DEFAULT_DATA_DIR };
}

function keySource(
  options: StoreOptions,
  env: Readonly<Record<string, string | undefined>>,
  target: DatabaseTarget,
): SecretKeySource {
  if (options.secretKey !== undefined)
    return { kind: 'given', key: parseSecretKey(options.secretKey, 'The secretKey option') };
  const fromEnv = env[SECRET_KEY_ENV];
  if (fromEnv) return { kind: 'given', key: parseSecretKey(fromEnv, SECRET_KEY_ENV) };
  if (target.kind === 'postgres') return { kind: 'missing' };
  if (target.dataDir === MEMORY_DATA_DIR) return { kind: 'ephemeral' };
  return { kind: 'file', file: new SecretKeyFile(target.dataDir) };
}

/**
 * Opens idsync's store: PostgreSQL when a database URL is given (option or DATABASE_URL),
 * otherwise embedded PGlite with its data on disk. Migrates by default. A bad secret key is
 * reported here; a missing one (PostgreSQL) when a secret is first used.
 */
export async function openStore(options: StoreOptions = {}): Promise<IdsyncStore> {
  const env = options.env ?? process.env;
  const target = chooseTarget(options, env);
  const secretKeys = keySource(options, env, target);
  const { db } = await connectDatabase(target);
  try {
    if (options.migrate ?? true) await migrateStore(db);
    else {
      const status = await schemaStatus(db);
      if (status.pending.length > 0) {
        throw new StoreSchemaError(
          `The store schema is not current (pending: ${status.pending.join(', ')}). Open the store with migrate enabled ` +
            'or run the migration first.',
        );
      }
    }
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const registry = options.schemaRegistry ?? createCoreRegistry();
  const filterContext = (type: ObjectType): FilterContext => ({ registry, scope: registry.scopeOf(type) });
  let closed: Promise<void> | undefined;
  const statistics = new StatisticsKeeper(db);
  if (target.kind === 'pglite') statistics.start();
  return {
    dialect: target.kind,
    hub: new KyselyHubStore(db, filterContext),
    links: new KyselyLinkStore(db),
    checkpoints: new KyselyCheckpointStore(db),
    runs: new KyselyRunStore(db),
    audit: new KyselyAuditLog(db),
    secrets: new KyselySecretStore(db, secretKeys),
    database: db,
    migrate: () => migrateStore(db),
    schemaStatus: () => schemaStatus(db),
    refreshStatistics: () => statistics.refresh(),
    close: () => {
      statistics.stop();
      return (closed ??= db.destroy());
    },
  };
}
