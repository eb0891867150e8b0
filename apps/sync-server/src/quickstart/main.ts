import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startScimTarget, type ScimTarget } from '@idsync/scim-target';
import { serve } from '../server/serve.js';
import { seedDemoDirectory } from './demo-directory.js';
import { quickstartBanner } from './quickstart-banner.js';
import { readableLogLine } from './readable-log-line.js';
import { restoreSimulator, saveSimulator } from './simulator-snapshot.js';

/**
 * `npm start`: the sync server on the embedded defaults with examples/quickstart, a SCIM target
 * simulator beside it, and a hub seeded with demo users — so a newcomer sees provisioning
 * happen, then tries SCIM inbound with the commands it prints.
 */
const here = dirname(fileURLToPath(import.meta.url));
const examples = resolve(here, '../../../../examples/quickstart');
const { values } = parseArgs({
  options: { config: { type: 'string' }, json: { type: 'boolean' }, 'target-port': { type: 'string' } },
});
const configFile = values.config ?? join(examples, 'idsync.yaml');
const tokenGenerated = !process.env.IDSYNC_QUICKSTART_TOKEN;
const token = process.env.IDSYNC_QUICKSTART_TOKEN || randomBytes(24).toString('base64url');

async function startTarget(): Promise<ScimTarget> {
  const port = Number(values['target-port'] ?? process.env.QUICKSTART_TARGET_PORT ?? 8081);
  const auth = { kind: 'bearer' as const, token };
  try {
    return await startScimTarget({ port, auth });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startScimTarget({ port: 0, auth });
  }
}

const target = await startTarget();
const env = { ...process.env, IDSYNC_QUICKSTART_TOKEN: token, QUICKSTART_TARGET_URL: target.baseUrl };
let snapshotFile: string | undefined;
let saver: NodeJS.Timeout | undefined;

const code = await serve({
  configFile,
  env,
  ...(values.json
    ? {}
    : { logDestination: { write: (line: string) => process.stdout.write(readableLogLine(line)) } }),
  beforeStart: async (settings) => {
    if (!settings.dataDir) return;
    snapshotFile = join(settings.dataDir, 'quickstart-scim-target.json');
    await restoreSimulator(target, snapshotFile);
    saver = setInterval(() => void saveSimulator(target, snapshotFile!).catch(() => undefined), 2000);
    saver.unref();
  },
  onStarted: async (server) => {
    const dataDir = server.settings.dataDir ?? '(PostgreSQL)';
    const seeded = await seedDemoDirectory(server.store.hub, join(examples, 'demo-directory.json'));
    process.stdout.write(
      quickstartBanner({
        serverUrl: server.url!,
        targetUrl: target.baseUrl,
        token,
        tokenGenerated,
        seeded,
        dataDir,
      }),
    );
  },
});
if (saver) clearInterval(saver);
if (snapshotFile) await saveSimulator(target, snapshotFile).catch(() => undefined);
await target.close();
process.exit(code);
