/** Cancels a timer set with {@link Clock.setTimer}; calling it after the timer fired does nothing. */
export type CancelTimer = () => void;

/**
 * The only way the execution machinery reads or waits for time. Injected so tests run on
 * virtual time ({@link ManualClock}) and never sleep; production uses {@link systemClock}.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch (virtual in tests). */
  now(): number;
  /** Calls `callback` once, `delayMs` from now (a negative delay means "as soon as possible"). */
  setTimer(delayMs: number, callback: () => void): CancelTimer;
}

/** Wall-clock time and Node's timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(delayMs, callback) {
    const handle = setTimeout(callback, Math.max(0, delayMs));
    return () => clearTimeout(handle);
  },
};
