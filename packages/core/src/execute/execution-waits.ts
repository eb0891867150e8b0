import type { Clock } from './clock.js';
import type { ConnectionRuntime } from './connection-runtime.js';

/**
 * What an operation waited for before it could go out:
 * - `concurrency`: a free slot (the connection's `maxConcurrency` was in use);
 * - `rate-limit`: a token of the connection's token bucket (its sustained rate and burst);
 * - `retry-after`: the store's Retry-After, which holds back the whole connection.
 */
export type ExecutionWaitReason = 'concurrency' | 'rate-limit' | 'retry-after';

/** One wait that took time (waits that ended at once are not reported). */
export interface ExecutionWait {
  readonly connectionId: string;
  readonly reason: ExecutionWaitReason;
  readonly ms: number;
}

interface Window {
  readonly from: number;
  until: number;
}

const overlap = (start: number, end: number, window: Window): number =>
  Math.max(0, Math.min(end, window.until) - Math.max(start, window.from));

/**
 * Reports every wait of one connection's runtime: slots from its concurrency limiter, tokens
 * from its bucket. A token wait is split by the time the bucket spent paused by a Retry-After
 * (the store's doing) and the rest (the configured rate). Done by wrapping the runtime's own
 * methods once, so every path that waits — first attempts, retries, quarantine probes — is seen.
 */
export function reportWaits(
  runtime: ConnectionRuntime,
  clock: Clock,
  report: (wait: ExecutionWait) => void,
): void {
  const { connectionId, limiter, bucket } = runtime;
  const emit = (reason: ExecutionWaitReason, ms: number) => {
    if (ms > 0) report({ connectionId, reason, ms });
  };

  const acquireSlot = limiter.acquire.bind(limiter);
  limiter.acquire = async (signal) => {
    const started = clock.now();
    try {
      return await acquireSlot(signal);
    } finally {
      emit('concurrency', clock.now() - started);
    }
  };

  // Pauses seen recently; kept while a token wait that began before their end is open.
  const pauses: Window[] = [];
  const waitingSince: number[] = [];
  const pauseUntil = bucket.pauseUntil.bind(bucket);
  bucket.pauseUntil = (epochMs) => {
    pauseUntil(epochMs);
    const until = bucket.pausedUntil;
    if (until === undefined) return;
    const now = clock.now();
    const last = pauses.at(-1);
    if (last && now <= last.until) last.until = until;
    else pauses.push({ from: now, until });
  };

  const acquireToken = bucket.acquire.bind(bucket);
  bucket.acquire = async (signal) => {
    const started = clock.now();
    waitingSince.push(started);
    try {
      await acquireToken(signal);
    } finally {
      const ended = clock.now();
      waitingSince.splice(waitingSince.indexOf(started), 1);
      const total = ended - started;
      const paused = Math.min(
        total,
        pauses.reduce((sum, window) => sum + overlap(started, ended, window), 0),
      );
      emit('retry-after', paused);
      emit('rate-limit', total - paused);
      const oldest = waitingSince.length ? Math.min(...waitingSince) : ended;
      while (pauses.length > 1 && pauses[0]!.until < oldest) pauses.shift();
    }
  };
}
