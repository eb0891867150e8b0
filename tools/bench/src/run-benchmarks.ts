import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { runScimBenchmarks } from './scim/scim-benchmarks.js';

/**
 * `npm run bench` → every benchmark, one JSON report on stdout (or `--out file`).
 * `--users N` and `--iterations N` scale the runs (defaults are the figures in the READMEs).
 */
const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    users: { type: 'string', default: '100000' },
    iterations: { type: 'string', default: '5' },
  },
});

const users = Number(values.users);
const iterations = Number(values.iterations);
if (!Number.isInteger(users) || users < 1 || !Number.isInteger(iterations) || iterations < 1) {
  console.error('--users and --iterations must be positive integers.');
  process.exit(2);
}

const report = {
  startedAt: new Date().toISOString(),
  machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) },
  parameters: { users, iterations },
  suites: { scim: runScimBenchmarks({ users, iterations }) },
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
};

const json = JSON.stringify(report, null, 2);
if (values.out) {
  writeFileSync(values.out, json + '\n');
  console.error(`Benchmark report written to ${values.out}`);
} else {
  process.stdout.write(json + '\n');
}
