import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { describeMachine, parseCount, writeReport } from '../report-cli.js';
import { runScimConnectorBenchmarks } from './scim-connector-benchmarks.js';

/**
 * The outbound SCIM suite on its own (`npm run bench -- --suite scim-connector` runs the same):
 * `node dist/scim-connector/run-scim-connector-benchmarks.js [--users N] [--latencies 0,20]
 * [--rate-limited-users N] [--limit 50] [--out file]` → JSON on stdout (or in the file),
 * progress on stderr.
 */
const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '2000' },
    latencies: { type: 'string', default: '0,20' },
    'rate-limited-users': { type: 'string', default: '300' },
    limit: { type: 'string', default: '50' },
    out: { type: 'string' },
  },
});

const startedAt = new Date().toISOString();
const machine = describeMachine();
const suite = await runScimConnectorBenchmarks({
  users: parseCount('users', values.users, 1),
  latenciesMs: values.latencies.split(',').map((text) => parseCount('latencies', text.trim(), 0)),
  rateLimitedUsers: parseCount('rate-limited-users', values['rate-limited-users'], 1),
  limit: { requests: parseCount('limit', values.limit, 1), windowMs: 1000 },
  log: (line) => console.error(line),
});
const report = {
  startedAt,
  machine,
  suites: { 'scim-connector': suite },
  loadAverageAtEnd: loadavg(),
  finishedAt: new Date().toISOString(),
};
writeReport(report, values.out);
