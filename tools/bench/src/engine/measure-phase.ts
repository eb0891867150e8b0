import { loadavg } from 'node:os';

/** Figures of one engine phase (load, plan, run…), as written to the JSON report. */
export interface PhaseFigures {
  readonly name: string;
  /** Objects the phase worked through (users loaded, planned, synchronised). */
  readonly objects: number;
  readonly seconds: number;
  readonly objectsPerSecond: number;
  /** RSS when the phase started, after a garbage collection when `--expose-gc` is on: what the process already held. */
  readonly startRssMiB: number;
  /** Highest RSS sampled during the phase (every 50 ms, and once at the end). */
  readonly peakRssMiB: number;
  /** Highest V8 heap in use sampled during the phase. */
  readonly peakHeapUsedMiB: number;
  /**
   * `process.resourceUsage().maxRSS` at the end of the phase: the operating system's
   * high-water mark for the whole process so far, so it also covers earlier phases run in
   * the same process (the CLI runs the memory-relevant phases in processes of their own).
   */
  readonly processMaxRssMiB: number;
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

/** A full collection, when the process was started with --expose-gc; otherwise nothing. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Times `work` and samples memory while it runs. Sampling runs on a timer of the same event
 * loop, so a long synchronous stretch delays a sample; the engine awaits the store for every
 * page, which keeps the gaps short, and the final sample catches what the work left behind.
 */
export async function measurePhase(name: string, work: () => Promise<PhaseResult>): Promise<PhaseFigures> {
  collectGarbage();
  const startRss = process.memoryUsage.rss();
  let peakRss = startRss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  timer.unref();
  const cpuAtStart = process.cpuUsage();
  const started = process.hrtime.bigint();
  let result: PhaseResult;
  try {
    result = await work();
  } finally {
    clearInterval(timer);
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
    cpuSeconds: round((cpu.user + cpu.system) / 1e6, 3),
    loadAverage: round(loadavg()[0] ?? 0, 2),
    details: result.details,
  };
}
