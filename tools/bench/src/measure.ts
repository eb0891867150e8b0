import { percentile } from './latency-statistics.js';

/** Figures for one benchmark case, as written to the JSON report. */
export interface Measurement {
  readonly name: string;
  /** Operations per timed iteration (e.g. users scanned per filter pass). */
  readonly operationsPerIteration: number;
  readonly iterations: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly operationsPerSecond: number;
  /** Anything the case reports about its result (e.g. match counts), to show the work was done. */
  readonly details?: Record<string, unknown>;
}

export interface MeasureOptions {
  readonly iterations: number;
  readonly warmup: number;
  readonly operationsPerIteration: number;
}

/**
 * Times `run` after a warm-up (so the JIT has settled) and reports mean and tail latency per
 * iteration. `run` returns details that are kept in the report; returning the work's result
 * also stops the optimiser from discarding the work.
 */
export function measure(
  name: string,
  run: () => Record<string, unknown> | void,
  options: MeasureOptions,
): Measurement {
  let details: Record<string, unknown> | undefined;
  for (let i = 0; i < options.warmup; i++) details = run() ?? undefined;
  const samples: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    const started = process.hrtime.bigint();
    details = run() ?? undefined;
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const meanMs = samples.reduce((sum, s) => sum + s, 0) / samples.length;
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    name,
    operationsPerIteration: options.operationsPerIteration,
    iterations: options.iterations,
    meanMs: round(meanMs),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    operationsPerSecond: Math.round((options.operationsPerIteration * 1000) / meanMs),
    ...(details ? { details } : {}),
  };
}
