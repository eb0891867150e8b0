import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { runLdapBenchmarks } from './ldap-benchmarks.js';

/**
 * The LDAP suite on its own: `node dist/ldap/run-ldap-benchmark.js` (after `tsc -b`) → one JSON
 * report on stdout (or `--out file`), progress on stderr. The same figures as `--suite ldap` of
 * the bench runner, for when only this suite is wanted.
 *
 * - `--entries N`: people seeded into slapd (default 100000)
 * - `--repetitions N`: incremental changes timed (default 20)
 * - `--page-size N`: entries per page (default 500)
 * - `--in-process`: run the stages in this process instead of one child process each
 */
const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    entries: { type: 'string', default: '100000' },
    repetitions: { type: 'string', default: '20' },
    'page-size': { type: 'string', default: '500' },
    'in-process': { type: 'boolean', default: false },
  },
});

function count(name: string, text: string, minimum: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    console.error(`--${name} must be an integer of at least ${minimum}, not "${text}".`);
    process.exit(2);
  }
  return value;
}

const parameters = {
  entries: count('entries', values.entries, 1),
  repetitions: count('repetitions', values.repetitions, 1),
  pageSize: count('page-size', values['page-size'], 1),
  isolate: !values['in-process'],
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
  suites: { ldap: await runLdapBenchmarks({ ...parameters, log: (line) => console.error(line) }) },
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
