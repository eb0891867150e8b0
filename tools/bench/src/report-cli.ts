import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

/*
 * What every benchmark entry point shares: option checks that exit 2 with a message naming the
 * option, the machine the figures were taken on, and where the JSON report goes.
 */

/** Prints `message` and exits 2 (bad usage). */
export function exitWithUsageError(message: string): never {
  console.error(message);
  process.exit(2);
}

/** `--name N`: a whole number of at least `minimum`, or exit 2 saying so. */
export function parseCount(name: string, text: string, minimum = 1): number {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    exitWithUsageError(`--${name} must be an integer of at least ${minimum}, not "${text}".`);
  }
  return value;
}

/** The machine, with its load at the start: other work on it slows every figure. */
export function describeMachine() {
  return {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverageAtStart: loadavg(),
  };
}

/** The report as JSON to `out`, or to stdout when no file is named. */
export function writeReport(report: unknown, out: string | undefined): void {
  const json = JSON.stringify(report, null, 2) + '\n';
  if (out) {
    writeFileSync(out, json);
    console.error(`Benchmark report written to ${out}`);
  } else {
    process.stdout.write(json);
  }
}
