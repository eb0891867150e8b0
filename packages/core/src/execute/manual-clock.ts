import type { CancelTimer, Clock } from './clock.js';

interface PendingTimer {
  readonly at: number;
  readonly order: number;
  readonly callback: () => void;
}

/** Lets every queued promise reaction run: the microtask queue drains before the next macrotask. */
function letPromisesSettle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A virtual-time {@link Clock} for tests. Time moves only when the test advances it; timers
 * fire in time order (ties in the order they were set), and after each timer the promise
 * reactions it caused run before the next timer fires. That interleaving is what lets
 * promise-based code (runners, retries, token waits) be driven deterministically, which
 * rxjs's TestScheduler cannot do because it flushes synchronously.
 */
export class ManualClock implements Clock {
  #now: number;
  #nextOrder = 0;
  #timers: PendingTimer[] = [];

  constructor(startMs = 0) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimer(delayMs: number, callback: () => void): CancelTimer {
    const timer: PendingTimer = { at: this.#now + Math.max(0, delayMs), order: this.#nextOrder++, callback };
    const index = this.#timers.findIndex((other) => other.at > timer.at);
    if (index === -1) this.#timers.push(timer);
    else this.#timers.splice(index, 0, timer);
    return () => {
      const at = this.#timers.indexOf(timer);
      if (at !== -1) this.#timers.splice(at, 1);
    };
  }

  /** Timers set and not yet fired or cancelled. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Lets pending promise reactions run without moving time. */
  settle(): Promise<void> {
    return letPromisesSettle();
  }

  /** Moves time forward by `ms`, firing every timer due on the way. */
  async advanceBy(ms: number): Promise<void> {
    const target = this.#now + ms;
    await letPromisesSettle();
    while (this.#timers[0] && this.#timers[0].at <= target) await this.#fireNext();
    this.#now = Math.max(this.#now, target);
    await letPromisesSettle();
  }

  /**
   * Fires timers, jumping time to each, until none is left. `maxTimers` guards against code
   * that keeps setting timers forever (a retry loop without a limit, for instance).
   */
  async runUntilIdle(maxTimers = 100_000): Promise<void> {
    await letPromisesSettle();
    for (let fired = 0; this.#timers.length > 0; fired++) {
      if (fired >= maxTimers) {
        throw new Error(
          `ManualClock.runUntilIdle: still busy after ${maxTimers} timers; is something rescheduling forever?`,
        );
      }
      await this.#fireNext();
    }
  }

  async #fireNext(): Promise<void> {
    const timer = this.#timers.shift();
    if (!timer) return;
    this.#now = Math.max(this.#now, timer.at);
    timer.callback();
    await letPromisesSettle();
  }
}
