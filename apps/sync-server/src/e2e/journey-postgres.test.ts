import { afterAll, describe, it } from '@jest/globals';
import { generateSecretKey } from '@idsync/store';
import { freshPostgresSchema, POSTGRES_TEST_URL } from './postgres-schema.js';
import { provisioningJourney } from './provisioning-journey.js';
import { tempDir } from './server-process.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe('the sync server as a process, on PostgreSQL', () => {
  it('runs the same journey with DATABASE_URL set, in a schema of its own', async () => {
    const { schema, drop } = await freshPostgresSchema();
    cleanups.push(drop);
    const dir = await tempDir('postgres');
    const key = generateSecretKey().toString('base64');
    await provisioningJourney({
      store: `  schema: ${schema}`,
      env: { DATABASE_URL: POSTGRES_TEST_URL, IDSYNC_SECRET_KEY: key },
      secrets: [key],
      dir,
    });
  }, 180_000);
});
