import { fork } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import type { BenchSample } from '../bench/bench-scenarios.js';
import { benchScenarios } from '../bench/bench-scenarios.js';
import { measureScenarios, type ScenarioFigures } from '../bench/measure-scenarios.js';
import { startBenchServer, type BenchStoreKind } from './bench-server.js';

/**
 * `node dist/testing/run-scim-server-bench.js [--users 100000] [--duration 10] [--connections 10]
 * [--stores pglite,postgres] [--database-url postgres://…] [--out report.json]`
 *
 * For each store the SCIM server runs in a child process (so the load generator does not share
 * its event loop) on a seeded hub; this process drives autocannon against it over loopback and
 * prints one JSON report.
 */
interface ServerReady {
  readonly origin: string;
  readonly token: string;
  readonly sample: BenchSample;
  readonly seedSeconds: number;
}

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1]! : fallback;
}

async function serve(): Promise<void> {
  const server = await startBenchServer({
    store: argument('store', 'pglite') as BenchStoreKind,
    users: Number(argument('users', '100000')),
    databaseUrl: argument('database-url', process.env.DATABASE_URL ?? ''),
  });
  process.send!({
    origin: server.origin,
    token: server.token,
    sample: server.sample,
    seedSeconds: server.seedSeconds,
  });
  process.on('message', (message) => {
    if (message === 'stop') void server.close().then(() => process.exit(0));
  });
}

async function measureStore(
  store: BenchStoreKind,
  options: { users: number; duration: number; connections: number; databaseUrl: string },
) {
  const child = fork(fileURLToPath(import.meta.url), [
    '--serve',
    '--store',
    store,
    '--users',
    String(options.users),
    '--database-url',
    options.databaseUrl,
  ]);
  try {
    const ready = await new Promise<ServerReady>((resolve, reject) => {
      child.once('message', (message) => resolve(message as ServerReady));
      child.once('exit', (code) =>
        reject(new Error(`The ${store} benchmark server exited with code ${code} before it was ready.`)),
      );
    });
    const scenarios = benchScenarios(ready.sample, randomBytes(3).toString('hex'));
    const figures: ScenarioFigures[] = await measureScenarios(ready.origin, scenarios, {
      durationSeconds: options.duration,
      connections: options.connections,
      token: ready.token,
    });
    return {
      store,
      users: options.users,
      seedSeconds: Math.round(ready.seedSeconds * 10) / 10,
      scenarios: figures,
    };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send('stop');
    await exited;
  }
}

async function main(): Promise<void> {
  const options = {
    users: Number(argument('users', '100000')),
    duration: Number(argument('duration', '10')),
    connections: Number(argument('connections', '10')),
    databaseUrl: argument(
      'database-url',
      process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    ),
  };
  const stores = argument('stores', 'pglite,postgres').split(',') as BenchStoreKind[];
  const results = [];
  for (const store of stores) results.push(await measureStore(store, options));
  const report = {
    benchmark: '@idsync/connector-scim-server',
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
    load: {
      generator: 'autocannon',
      connections: options.connections,
      durationSecondsPerScenario: options.duration,
      target: 'loopback',
    },
    results,
  };
  const text = JSON.stringify(report, null, 2);
  const out = argument('out', '');
  if (out) await writeFile(out, text + '\n');
  process.stdout.write(text + '\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const run = process.argv.includes('--serve') ? serve() : main();
  run.catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
