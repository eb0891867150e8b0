import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { USER_SCHEMA } from '@idsync/scim';
import { sql } from 'kysely';
import { openStore } from './open-store.js';
import { StoreSchemaError } from './migrations/migrate-store.js';
import { STORE_MIGRATIONS } from './migrations/store-migrations.js';
import { DIALECTS, POSTGRES_TEST_URL, testStores } from './testing/store-test-targets.js';

describe('openStore with embedded PGlite on disk', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'idsync-store-')), 'nested', 'pglite');
  });
  afterAll(() => rm(join(dataDir, '..', '..'), { recursive: true, force: true }));

  it('keeps the hub, the links and the secrets across close and reopen, with a generated key file', async () => {
    const first = await openStore({ dataDir, env: {} });
    expect(first.dialect).toBe('pglite');
    const population = await first.hub.defaultPopulation();
    const user = await first.hub.create('User', population.id, {
      schemas: [USER_SCHEMA],
      userName: 'survivor',
    });
    await first.links.put({
      connectionId: 'c',
      objectType: 'User',
      hubId: user.id,
      remoteId: 'r',
      ruleIds: [],
      state: 'in-sync',
      attempts: 0,
      updatedAt: user.updatedAt,
    });
    await first.secrets.put('c', 'password', 'kept at rest');
    await first.close();
    await first.close(); // closing twice is harmless

    const keyFile = await stat(join(dataDir, 'secret.key'));
    expect(keyFile.mode & 0o777).toBe(0o600);

    const second = await openStore({ dataDir, env: {} });
    try {
      expect(await second.hub.get('User', user.id)).toEqual(user);
      expect((await second.links.get('c', 'User', user.id))?.remoteId).toBe('r');
      expect(await second.secrets.get('c', 'password')).toBe('kept at rest');
      expect(await second.schemaStatus()).toEqual({ applied: Object.keys(STORE_MIGRATIONS), pending: [] });
    } finally {
      await second.close();
    }
  });
});

describe.each(DIALECTS)('store schema on %s', (dialect) => {
  const stores = testStores(dialect);
  afterAll(() => stores.cleanup());

  it('migrates idempotently', async () => {
    const store = await stores.open();
    expect(await store.migrate()).toEqual({ applied: Object.keys(STORE_MIGRATIONS), pending: [] });
    expect(await store.migrate()).toEqual({ applied: Object.keys(STORE_MIGRATIONS), pending: [] });
  });

  it('refuses a database migrated by a newer idsync', async () => {
    const store = await stores.open();
    await sql`insert into kysely_migration (name, timestamp) values ('999-from-the-future', '2030-01-01')`.execute(
      store.database,
    );
    const error = await store.migrate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreSchemaError);
    expect((error as Error).message).toContain('999-from-the-future');
    expect((error as Error).message).toContain('newer');
  });
});

describe('openStore with PostgreSQL', () => {
  const stores = testStores('postgres');
  afterAll(() => stores.cleanup());

  it('takes DATABASE_URL from the environment and keeps each schema to itself', async () => {
    const schema = `idsync_test_${randomBytes(6).toString('hex')}`;
    const store = await stores.open({
      databaseUrl: undefined,
      env: { DATABASE_URL: POSTGRES_TEST_URL },
      schema,
    });
    expect(store.dialect).toBe('postgres');
    const population = await store.hub.defaultPopulation();
    await store.hub.create('User', population.id, { schemas: [USER_SCHEMA], userName: 'in-my-schema' });
    const other = await stores.open();
    expect(await other.hub.findByUserName('in-my-schema')).toBeUndefined();
    const again = await stores.open({ schema });
    expect(await again.hub.findByUserName('in-my-schema')).toBeDefined();
  });

  it('refuses to open a schema that is not migrated when migrations are off', async () => {
    await expect(stores.open({ migrate: false })).rejects.toThrow('001-initial-schema');
  });

  it('says which server it could not reach, without the password', async () => {
    const error = await openStore({
      databaseUrl: 'postgres://idsync:hunter2@127.0.0.1:1/nowhere',
      env: {},
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(
      'Cannot reach PostgreSQL at postgres://idsync:***@127.0.0.1:1/nowhere',
    );
    expect((error as Error).message).not.toContain('hunter2');
  });
});

describe('openStore options', () => {
  it('refuses both a database URL and a data directory', async () => {
    await expect(
      openStore({ databaseUrl: POSTGRES_TEST_URL, dataDir: 'memory://', env: {} }),
    ).rejects.toThrow('not both');
  });

  it('refuses a malformed IDSYNC_SECRET_KEY before opening anything', async () => {
    await expect(
      openStore({ dataDir: 'memory://', env: { IDSYNC_SECRET_KEY: 'too-short' } }),
    ).rejects.toThrow('IDSYNC_SECRET_KEY must be a 32-byte key');
  });

  it('prefers an explicit data directory over DATABASE_URL', async () => {
    const store = await openStore({
      dataDir: 'memory://',
      env: { DATABASE_URL: 'postgres://unused@127.0.0.1:1/x' },
    });
    try {
      expect(store.dialect).toBe('pglite');
    } finally {
      await store.close();
    }
  });
});
