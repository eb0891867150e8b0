import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { describeMachine, exitWithUsageError, parseCount, writeReport } from './report-cli.js';
import type { BenchStoreKind } from './engine/bench-store.js';
import { runEngineBenchmarks } from './engine/engine-benchmarks.js';
import { runLdapBenchmarks } from './ldap/ldap-benchmarks.js';
import { runScimConnectorBenchmarks } from './scim-connector/scim-connector-benchmarks.js';
import { runScimBenchmarks } from './scim/scim-benchmarks.js';

/**
 * `npm run bench` → the chosen suites, one JSON report on stdout (or `--out file`); progress on stderr.
 *
 * - `--suite NAME[,NAME…]`: scim, engine, scim-connector, ldap, or all (default all: scim, engine
 *   and scim-connector; ldap is opt-in, since 100,000 entries take 12–17 minutes)
 * - `--users N`: directory size of every suite (default: 100000 for SCIM, 10000 for the engine,
 *   1000 for the SCIM connector)
 * - `--iterations N`: timed iterations of the SCIM cases (default 5)
 * - `--engine-users N[,N…]`: directory sizes of the engine suite, overriding `--users` (1,000,000 is opt-in)
 * - `--store pglite|postgres|both` (default pglite); PostgreSQL needs `--database-url` or DATABASE_URL
 * - `--execute-up-to N`: largest size whose full run is measured (default 100000); larger ones are seeded
 * - `--repetitions N`: incremental changes timed, engine and LDAP suites (default 20)
 * - `--through-api N`: users loaded through the HubStore API before the bulk load (default 1000)
 * - `--analyze`: ANALYZE before each engine phase and every minute during it, as autovacuum would
 * - `--in-process`: run engine and LDAP stages in this process instead of one child process each
 * - `--connector-users N`: hub users of the SCIM connector's latency cases, overriding `--users`
 * - `--latencies MS[,MS…]`: latency the simulated SCIM target adds, one connector case each (default 0,20)
 * - `--rate-limited-users N`: hub users of the connector's rate-limit cases (default 300)
 * - `--limit N`: the simulated target's limit in requests per second (default 50)
 * - `--entries N`: people seeded into slapd for the LDAP suite (default 100000)
 */

function parseOptions() {
  try {
    return parseArgs({
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
        'connector-users': { type: 'string' },
        latencies: { type: 'string', default: '0,20' },
        'rate-limited-users': { type: 'string', default: '300' },
        limit: { type: 'string', default: '50' },
        entries: { type: 'string', default: '100000' },
      },
    });
  } catch (error) {
    // parseArgs's own message names the option (`--entries -1`: write `--entries=-1`).
    return exitWithUsageError(error instanceof Error ? error.message : String(error));
  }
}
const { values } = parseOptions();

const SUITE_NAMES = ['scim', 'engine', 'scim-connector', 'ldap'] as const;
type SuiteName = (typeof SUITE_NAMES)[number];
/** What `all` runs: every suite that finishes in minutes. */
const ALL_SUITES: readonly SuiteName[] = ['scim', 'engine', 'scim-connector'];

/** `--suite a,b`: each name checked, `all` expanded, duplicates dropped. */
function suitesOf(text: string): SuiteName[] {
  const names = text.split(',').map((name) => name.trim());
  const chosen = new Set<SuiteName>();
  for (const name of names) {
    if (name === 'all') ALL_SUITES.forEach((suite) => chosen.add(suite));
    else if ((SUITE_NAMES as readonly string[]).includes(name)) chosen.add(name as SuiteName);
    else
      exitWithUsageError(
        `--suite must be ${SUITE_NAMES.join(', ')} or all (or several, comma-separated), not "${name}".`,
      );
  }
  return [...chosen];
}

const STORES: Record<string, BenchStoreKind[]> = {
  pglite: ['pglite'],
  postgres: ['postgres'],
  both: ['pglite', 'postgres'],
};

const suites: readonly SuiteName[] = suitesOf(values.suite);
const stores = STORES[values.store] ?? exitWithUsageError('--store must be pglite, postgres or both.');
const users = parseCount('users', values.users ?? '100000');
const iterations = parseCount('iterations', values.iterations);
// The engine's default is smaller: a full run of 100k users takes minutes, and `npm run bench` should not.
const engineUsers = (values['engine-users'] ?? values.users ?? '10000')
  .split(',')
  .map((size) => parseCount('engine-users', size.trim(), 10));
const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
if (suites.includes('engine') && stores.includes('postgres') && !databaseUrl) {
  exitWithUsageError(
    '--store postgres needs a server: pass --database-url postgres://… or set DATABASE_URL.',
  );
}

// The connector suite runs every user through the engine and HTTP twice over (two latencies):
// 1,000 keeps `npm run bench` to minutes; the README's figures used 2,000.
const connectorUsers = parseCount('connector-users', values['connector-users'] ?? values.users ?? '1000');
const latenciesMs = values.latencies.split(',').map((text) => parseCount('latencies', text.trim(), 0));
const rateLimitedUsers = parseCount('rate-limited-users', values['rate-limited-users']);
const limitPerSecond = parseCount('limit', values.limit);
const entries = parseCount('entries', values.entries);

const parameters = {
  suites,
  ...(suites.includes('scim') ? { scim: { users, iterations } } : {}),
  ...(suites.includes('engine')
    ? {
        engine: {
          stores,
          users: engineUsers,
          executeUpTo: parseCount('execute-up-to', values['execute-up-to'], 0),
          repetitions: parseCount('repetitions', values.repetitions),
          throughApi: parseCount('through-api', values['through-api'], 0),
          analyze: values.analyze,
          isolate: !values['in-process'],
        },
      }
    : {}),
  ...(suites.includes('scim-connector')
    ? {
        scimConnector: {
          users: connectorUsers,
          latenciesMs,
          rateLimitedUsers,
          limit: { requests: limitPerSecond, windowMs: 1000 },
        },
      }
    : {}),
  ...(suites.includes('ldap')
    ? {
        ldap: {
          entries,
          repetitions: parseCount('repetitions', values.repetitions),
          isolate: !values['in-process'],
        },
      }
    : {}),
};

const log = (line: string): void => console.error(line);

const report = {
  startedAt: new Date().toISOString(),
  machine: describeMachine(),
  parameters,
  // Suites run one after the other, in the order of the object below.
  suites: {
    ...(suites.includes('scim') ? { scim: runScimBenchmarks({ users, iterations }) } : {}),
    ...(parameters.engine
      ? {
          engine: await runEngineBenchmarks({
            ...parameters.engine,
            sizes: parameters.engine.users,
            ...(databaseUrl ? { databaseUrl } : {}),
            log,
          }),
        }
      : {}),
    ...(parameters.scimConnector
      ? { 'scim-connector': await runScimConnectorBenchmarks({ ...parameters.scimConnector, log }) }
      : {}),
    ...(parameters.ldap ? { ldap: await runLdapBenchmarks({ ...parameters.ldap, log }) } : {}),
  },
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  loadAverageAtEnd: loadavg(),
  finishedAt: new Date().toISOString(),
};

writeReport(report, values.out);
