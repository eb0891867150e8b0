/** Exponential backoff: the n-th retry waits up to `baseDelayMs × factor^(n-1)`, never more than `maxDelayMs`. */
export interface BackoffPolicy {
  /** Upper bound of the first retry's wait. */
  readonly baseDelayMs: number;
  /** Growth per retry (≥ 1). */
  readonly factor: number;
  /** Cap on any computed wait, however many retries. */
  readonly maxDelayMs: number;
}

/** The largest wait allowed before retry number `retryNumber` (1 = the first retry). */
export function backoffCeilingMs(retryNumber: number, policy: BackoffPolicy): number {
  if (policy.baseDelayMs <= 0) return 0;
  const exponent = Math.max(0, retryNumber - 1);
  const uncapped = policy.baseDelayMs * policy.factor ** exponent;
  // factor^exponent overflows to Infinity for long retry series; the cap still applies.
  return Math.min(policy.maxDelayMs, uncapped);
}

/**
 * "Full jitter": a uniformly random wait between 0 and the ceiling. Spreading retries over
 * the whole window keeps many clients that failed together from retrying together, which
 * is what overloads a recovering store again. `random` returns values in [0, 1) like
 * Math.random; anything outside is clamped so a bad source can never exceed the ceiling.
 */
export function fullJitterDelayMs(retryNumber: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = backoffCeilingMs(retryNumber, policy);
  const draw = Math.min(Math.max(random(), 0), 1);
  return Math.min(Math.floor(draw * ceiling), Math.floor(ceiling));
}
