/** Gives back a slot taken from a {@link ConcurrencyLimiter}; calling it twice is harmless. */
export type ReleaseSlot = () => void;

interface Waiter {
  readonly grant: (release: ReleaseSlot) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/**
 * At most `limit` operations of one connection in flight, however many executions feed it.
 * mergeMap's own limit bounds a single stream; this semaphore makes the bound hold when the
 * engine runs two streams (users and groups, say) against the same connection at once.
 * Slots are granted in request order.
 */
export class ConcurrencyLimiter {
  #limit: number;
  #inFlight = 0;
  readonly #waiters: Waiter[] = [];

  constructor(limit: number) {
    this.#limit = ConcurrencyLimiter.#checked(limit);
  }

  get limit(): number {
    return this.#limit;
  }

  /** A raised limit admits waiters at once; a lowered one takes effect as slots are released. */
  set limit(limit: number) {
    this.#limit = ConcurrencyLimiter.#checked(limit);
    this.#grantWaiting();
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  /** Resolves with the release function once a slot is free; rejects if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#inFlight < this.#limit && this.#waiters.length === 0) return Promise.resolve(this.#take());
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const waiter: Waiter = {
        grant: resolve,
        signal,
        onAbort: () => {
          const index = this.#waiters.indexOf(waiter);
          if (index !== -1) this.#waiters.splice(index, 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  #take(): ReleaseSlot {
    this.#inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inFlight--;
      this.#grantWaiting();
    };
  }

  #grantWaiting(): void {
    while (this.#inFlight < this.#limit && this.#waiters.length > 0) {
      const waiter = this.#waiters.shift()!;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.grant(this.#take());
    }
  }

  static #checked(limit: number): number {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`Concurrency limit must be a whole number of at least 1, got ${limit}.`);
    }
    return limit;
  }
}
