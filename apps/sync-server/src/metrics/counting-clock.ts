import { systemClock, type Clock } from '@idsync/core';

/**
 * The executor's clock, counting the waits that ran to the end: rate-limit tokens, Retry-After
 * pauses and retry backoff (a per-attempt timeout timer is cancelled when the attempt ends, so
 * it only counts when it strikes). The executor exposes no wait events of its own.
 */
export function countingClock(onWait: (ms: number) => void, base: Clock = systemClock): Clock {
  return {
    now: () => base.now(),
    setTimer(delayMs, callback) {
      return base.setTimer(delayMs, () => {
        if (delayMs > 0) onWait(delayMs);
        callback();
      });
    },
  };
}
