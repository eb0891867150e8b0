import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MEMORY_DATA_DIR, openStore, type IdsyncStore } from '@idsync/store';

/**
 * The stores the engine is measured on: PGlite with its data in a temporary directory (what a
 * single-node install runs), PostgreSQL (a fresh schema per run on the given server), and
 * PGlite in memory (tests only: nothing survives the process).
 */
export type BenchStoreKind = 'pglite' | 'postgres' | 'pglite-memory';

/** Where one benchmark case keeps its data; serialisable, so a child process can reopen it. */
export type StoreLocation =
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | { readonly kind: 'pglite-memory' }
  | { readonly kind: 'postgres'; readonly databaseUrl: string; readonly schema: string };

export async function createStoreLocation(
  kind: BenchStoreKind,
  databaseUrl: string | undefined,
): Promise<StoreLocation> {
  switch (kind) {
    case 'pglite':
      return { kind, dataDir: await mkdtemp(join(tmpdir(), 'idsync-bench-')) };
    case 'pglite-memory':
      return { kind };
    case 'postgres':
      if (!databaseUrl) {
        throw new Error('The PostgreSQL benchmarks need a server: pass --database-url or set DATABASE_URL.');
      }
      return { kind, databaseUrl, schema: `idsync_bench_${randomBytes(4).toString('hex')}` };
  }
}

/** Opens (and migrates) the store at a location; `env: {}` keeps DATABASE_URL from redirecting it. */
export function openBenchStore(location: StoreLocation): Promise<IdsyncStore> {
  switch (location.kind) {
    case 'pglite':
      return openStore({ dataDir: location.dataDir, env: {} });
    case 'pglite-memory':
      return openStore({ dataDir: MEMORY_DATA_DIR, env: {} });
    case 'postgres':
      return openStore({ databaseUrl: location.databaseUrl, schema: location.schema, env: {} });
  }
}

/** Removes what a case left behind: the data directory, or the schema with every table in it. */
export async function disposeStoreLocation(location: StoreLocation): Promise<void> {
  if (location.kind === 'pglite') await rm(location.dataDir, { recursive: true, force: true });
  if (location.kind === 'postgres') {
    const store = await openStore({ databaseUrl: location.databaseUrl, schema: location.schema, env: {} });
    try {
      await store.database.schema.dropSchema(location.schema).ifExists().cascade().execute();
    } finally {
      await store.close();
    }
  }
}
