import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Ticker } from './ticker.js';

/** Figures of one engine phase (load, plan, run…), as written to the JSON report. */
export interface PhaseFigures {
  readonly name: string;
  /** Objects the phase worked through (users loaded, planned, synchronised). */
  readonly objects: number;
  readonly seconds: number;
  readonly objectsPerSecond: number;
  /** RSS when the phase started, after a garbage collection when `--expose-gc` is on: what the process already held. */
  readonly startRssMiB: number;
  /** Highest RSS sampled during the phase (about every 50 ms, see Ticker, and once at the end). */
  readonly peakRssMiB: number;
  /** Highest V8 heap in use sampled during the phase. */
  readonly peakHeapUsedMiB: number;
  /**
   * `process.resourceUsage().maxRSS` at the end of the phase: the operating system's peak RSS.
   * With `maxRssResetAtStart` (Linux), the peak was reset when the phase started, so this is
   * the phase's own peak, taken by the kernel on every page — no sample can miss it.
   * Otherwise it is the process's peak so far, earlier phases included.
   */
  readonly processMaxRssMiB: number;
  readonly maxRssResetAtStart: boolean;
  /**
   * CPU time of this process during the phase (user + system, all its threads). On a shared
   * machine, `cpuSeconds / seconds` well below 1 says the phase waited for a core (or, on
   * PostgreSQL, for the server, whose CPU time is not counted here).
   */
  readonly cpuSeconds: number;
  /** The machine's one-minute load average at the end of the phase: how busy the cores were. */
  readonly loadAverage: number;
  /** What the phase did, from its own results (run counts, store calls…): proof the work was real. */
  readonly details: Record<string, unknown>;
}

/** What a phase's work reports back. */
export interface PhaseResult {
  readonly objects: number;
  readonly details: Record<string, unknown>;
}

const SAMPLE_EVERY_MS = 50;
const MiB = 2 ** 20;
const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Linux resets a process's peak-RSS mark (VmHWM, which getrusage's maxrss follows) to the
 * current RSS when 5 is written to /proc/self/clear_refs. False where that is not possible.
 */
function resetKernelPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** A full collection, when the process was started with --expose-gc; otherwise nothing. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Times `work` and samples memory while it runs, through `ticker`: pass the one the work ticks
 * (a BenchEngine's), or samples are taken only when the event loop turns, which on PGlite is
 * not before the work ends. The final sample catches what the work left behind, and the
 * kernel's peak covers what any sampling would miss.
 */
export async function measurePhase(
  name: string,
  work: () => Promise<PhaseResult>,
  ticker: Ticker = new Ticker(),
): Promise<PhaseFigures> {
  collectGarbage();
  const maxRssResetAtStart = resetKernelPeakRss();
  const startRss = process.memoryUsage.rss();
  let peakRss = startRss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const stopSampling = ticker.every(SAMPLE_EVERY_MS, sample);
  const cpuAtStart = process.cpuUsage();
  const started = process.hrtime.bigint();
  let result: PhaseResult;
  try {
    result = await work();
  } finally {
    stopSampling();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuAtStart);
  sample();
  return {
    name,
    objects: result.objects,
    seconds: round(seconds, 3),
    objectsPerSecond: seconds > 0 ? Math.round(result.objects / seconds) : 0,
    startRssMiB: round(startRss / MiB),
    peakRssMiB: round(peakRss / MiB),
    peakHeapUsedMiB: round(peakHeap / MiB),
    processMaxRssMiB: round(process.resourceUsage().maxRSS / 1024),
    maxRssResetAtStart,
    cpuSeconds: round((cpu.user + cpu.system) / 1e6, 3),
    loadAverage: round(loadavg()[0] ?? 0, 2),
    details: result.details,
  };
}
