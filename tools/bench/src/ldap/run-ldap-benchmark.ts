import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { describeMachine, parseCount, writeReport } from '../report-cli.js';
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

const parameters = {
  entries: parseCount('entries', values.entries, 1),
  repetitions: parseCount('repetitions', values.repetitions, 1),
  pageSize: parseCount('page-size', values['page-size'], 1),
  isolate: !values['in-process'],
};

const report = {
  startedAt: new Date().toISOString(),
  machine: describeMachine(),
  parameters,
  suites: { ldap: await runLdapBenchmarks({ ...parameters, log: (line) => console.error(line) }) },
  loadAverageAtEnd: loadavg(),
  finishedAt: new Date().toISOString(),
};

writeReport(report, values.out);
