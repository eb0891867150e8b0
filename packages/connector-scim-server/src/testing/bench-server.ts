import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { openStore, type IdsyncStore } from '@idsync/store';
import { hashScimSecret } from '../auth/scim-secret-hash.js';
import type { BenchSample } from '../bench/bench-scenarios.js';
import { scimServerPlugin } from '../scim-server-plugin.js';
import { seedBenchUsers } from './seed-bench-users.js';

export type BenchStoreKind = 'pglite' | 'pglite-memory' | 'postgres';

export interface BenchServerOptions {
  readonly store: BenchStoreKind;
  readonly users: number;
  /** PostgreSQL only. */
  readonly databaseUrl?: string;
}

export interface BenchServer {
  readonly origin: string;
  readonly token: string;
  readonly sample: BenchSample;
  readonly seedSeconds: number;
  close(): Promise<void>;
}

/**
 * The server side of the benchmark: a store (PGlite on disk in a temporary directory, PGlite in
 * memory for tests, or a fresh schema on PostgreSQL) seeded with `users` users, and the SCIM
 * server on a loopback port. `close` removes the data again.
 */
export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  let store: IdsyncStore;
  let cleanup: () => Promise<void>;
  if (options.store === 'postgres') {
    if (!options.databaseUrl)
      throw new Error('The PostgreSQL benchmark needs --database-url (or DATABASE_URL).');
    const schema = `idsync_scim_bench_${randomBytes(4).toString('hex')}`;
    store = await openStore({ databaseUrl: options.databaseUrl, schema, env: {} });
    cleanup = async () => {
      await store.database.schema.dropSchema(schema).ifExists().cascade().execute();
      await store.close();
    };
  } else if (options.store === 'pglite') {
    const dataDir = await mkdtemp(join(tmpdir(), 'idsync-scim-bench-'));
    store = await openStore({ dataDir, env: {} });
    cleanup = async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    };
  } else {
    store = await openStore({ dataDir: 'memory://', env: {} });
    cleanup = () => store.close();
  }
  const started = process.hrtime.bigint();
  const sample = await seedBenchUsers(store, options.users);
  const seedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const token = randomBytes(24).toString('base64url');
  const app = Fastify({ logger: false });
  await app.register(scimServerPlugin, {
    hub: store.hub,
    clients: [{ id: 'bench', bearerTokenHashes: [hashScimSecret(token)] }],
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('The benchmark server has no TCP address.');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    token,
    sample,
    seedSeconds,
    async close() {
      await app.close();
      await cleanup();
    },
  };
}
