import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import type { BenchStoreKind } from './engine/bench-store.js';
import { runEngineBenchmarks } from './engine/engine-benchmarks.js';
import { runScimBenchmarks } from './scim/scim-benchmarks.js';

/**
 * `npm run bench` → every suite, one JSON report on stdout (or `--out file`); progress on stderr.
 *
 * - `--suite scim|engine|all` (default all)
 * - `--users N`: directory size of every suite (default: 100000 for SCIM, 10000 for the engine)
 * - `--iterations N`: timed iterations of the SCIM cases (default 5)
 * - `--engine-users N[,N…]`: directory sizes of the engine suite, overriding `--users` (1,000,000 is opt-in)
 * - `--store pglite|postgres|both` (default pglite); PostgreSQL needs `--database-url` or DATABASE_URL
 * - `--execute-up-to N`: largest size whose full run is measured (default 100000); larger ones are seeded
 * - `--repetitions N`: incremental changes timed (default 20)
 * - `--through-api N`: users loaded through the HubStore API before the bulk load (default 1000)
 * - `--analyze`: ANALYZE before each engine phase and every minute during it, as autovacuum would
 * - `--in-process`: run engine stages in this process instead of one child process each
 */
const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    suite: { type: 'string', default: 'all' },
    users: { type: 'string' },
    iterations: { type: 'string', default: '5' },
    'engine-users': { type: 'string' },
    store: { type: 'string', default: 'pglite' },
    'database-url': { type: 'string' },
    'execute-up-to': { type: 'string', default: '100000' },
    repetitions: { type: 'string', default: '20' },
    'through-api': { type: 'string', default: '1000' },
    analyze: { type: 'boolean', default: false },
    'in-process': { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function count(name: string, text: string, minimum = 1): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum)
    fail(`--${name} must be an integer of at least ${minimum}, not "${text}".`);
  return value;
}

const SUITES = { scim: ['scim'], engine: ['engine'], all: ['scim', 'engine'] } as const;
const STORES: Record<string, BenchStoreKind[]> = {
  pglite: ['pglite'],
  postgres: ['postgres'],
  both: ['pglite', 'postgres'],
};

const suites: readonly string[] =
  SUITES[values.suite as keyof typeof SUITES] ?? fail('--suite must be scim, engine or all.');
const stores = STORES[values.store] ?? fail('--store must be pglite, postgres or both.');
const users = count('users', values.users ?? '100000');
const iterations = count('iterations', values.iterations);
// The engine's default is smaller: a full run of 100k users takes minutes, and `npm run bench` should not.
const engineUsers = (values['engine-users'] ?? values.users ?? '10000')
  .split(',')
  .map((size) => count('engine-users', size.trim(), 10));
const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
if (suites.includes('engine') && stores.includes('postgres') && !databaseUrl) {
  fail('--store postgres needs a server: pass --database-url postgres://… or set DATABASE_URL.');
}

const parameters = {
  suites,
  ...(suites.includes('scim') ? { scim: { users, iterations } } : {}),
  ...(suites.includes('engine')
    ? {
        engine: {
          stores,
          users: engineUsers,
          executeUpTo: count('execute-up-to', values['execute-up-to'], 0),
          repetitions: count('repetitions', values.repetitions),
          throughApi: count('through-api', values['through-api'], 0),
          analyze: values.analyze,
          isolate: !values['in-process'],
        },
      }
    : {}),
};

const report = {
  startedAt: new Date().toISOString(),
  machine: {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    // Other work on the machine slows every figure: the load averages say how much there was.
    loadAverageAtStart: loadavg(),
  },
  parameters,
  suites: {
    ...(suites.includes('scim') ? { scim: runScimBenchmarks({ users, iterations }) } : {}),
    ...(parameters.engine
      ? {
          engine: await runEngineBenchmarks({
            ...parameters.engine,
            sizes: parameters.engine.users,
            ...(databaseUrl ? { databaseUrl } : {}),
            log: (line) => console.error(line),
          }),
        }
      : {}),
  },
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  loadAverageAtEnd: loadavg(),
  finishedAt: new Date().toISOString(),
};

const json = JSON.stringify(report, null, 2);
if (values.out) {
  writeFileSync(values.out, json + '\n');
  console.error(`Benchmark report written to ${values.out}`);
} else {
  process.stdout.write(json + '\n');
}
