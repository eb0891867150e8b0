import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
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

const whole = (name: string, text: string, minimum: number): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    console.error(`--${name} must be an integer of at least ${minimum}, not "${text}".`);
    process.exit(2);
  }
  return value;
};

const startedAt = new Date().toISOString();
const loadAverageAtStart = loadavg();
const suite = await runScimConnectorBenchmarks({
  users: whole('users', values.users, 1),
  latenciesMs: values.latencies.split(',').map((text) => whole('latencies', text.trim(), 0)),
  rateLimitedUsers: whole('rate-limited-users', values['rate-limited-users'], 1),
  limit: { requests: whole('limit', values.limit, 1), windowMs: 1000 },
  log: (line) => console.error(line),
});
const report = {
  startedAt,
  machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, loadAverageAtStart },
  suites: { 'scim-connector': suite },
  loadAverageAtEnd: loadavg(),
  finishedAt: new Date().toISOString(),
};
const json = JSON.stringify(report, null, 2) + '\n';
if (values.out) writeFileSync(values.out, json);
else process.stdout.write(json);
