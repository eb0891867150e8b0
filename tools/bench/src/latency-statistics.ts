/** The `p`th percentile of ascending samples (nearest rank); 0 when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

/** Milliseconds since `started` (a `process.hrtime.bigint()` reading). */
export const millisecondsSince = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e6;

/** Rounded to hundredths, as the reports show milliseconds. */
export const hundredths = (value: number): number => Math.round(value * 100) / 100;

/** Median, p99, min and max of latency samples in milliseconds, rounded for a report. */
export function latencySummary(samples: readonly number[]): {
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
} {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    medianMs: hundredths(percentile(sorted, 50)),
    p99Ms: hundredths(percentile(sorted, 99)),
    minMs: hundredths(sorted[0] ?? 0),
    maxMs: hundredths(sorted.at(-1) ?? 0),
  };
}

/** The median of unsorted samples, rounded for a report. */
export const medianOf = (samples: readonly number[]): number => latencySummary(samples).medianMs;
