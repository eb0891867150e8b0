import type { CancelTimer, Clock } from './clock.js';

/** A sustained rate with a burst allowance, as stores document their limits (Slack: 180/min, burst 20). */
export interface RateLimit {
  /** Most tokens held at once: how many requests may go out back to back. */
  readonly capacity: number;
  /** Tokens added per second: the sustained rate (180 per minute is 3). */
  readonly refillPerSecond: number;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/** Float arithmetic on fractional refills may leave 0.999…; this much short of a token still counts as one. */
const EPSILON = 1e-9;

/**
 * Per-connection request budget. Every attempt (first try or retry) takes one token; when
 * none is left the caller waits — it never fails for lack of a token. Waiters are served in
 * arrival order, so a burst of retries cannot starve older work.
 *
 * {@link pauseUntil} is the connection-wide brake for a 429 with Retry-After: nothing is
 * handed out before that time. The bucket then holds exactly one token, so one request goes
 * out when the store said it may and the rest follow at the sustained rate, instead of a
 * burst that runs straight into the limit again.
 */
export class TokenBucket {
  #capacity = 0;
  #refillPerMs = 0;
  #tokens: number;
  #refilledAt: number;
  #pausedUntil = Number.NEGATIVE_INFINITY;
  readonly #waiters: Waiter[] = [];
  #cancelWake: CancelTimer | undefined;

  constructor(
    limit: RateLimit,
    private readonly clock: Clock,
  ) {
    this.#apply(limit);
    this.#tokens = limit.capacity;
    this.#refilledAt = clock.now();
  }

  /** An unlimited bucket: no spacing at all, but still pausable by Retry-After. */
  static unlimited(clock: Clock): TokenBucket {
    return new TokenBucket(
      { capacity: Number.POSITIVE_INFINITY, refillPerSecond: Number.POSITIVE_INFINITY },
      clock,
    );
  }

  /** Whole tokens available right now. */
  get availableTokens(): number {
    this.#refill();
    return this.#isPaused() ? 0 : Math.floor(this.#tokens + EPSILON);
  }

  /** Callers waiting for a token. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /** The end of the current pause, or undefined when not paused. */
  get pausedUntil(): number | undefined {
    return this.#isPaused() ? this.#pausedUntil : undefined;
  }

  /** Takes a token if one is free and nobody is queued ahead. */
  tryAcquire(): boolean {
    this.#refill();
    if (this.#waiters.length > 0 || this.#isPaused() || this.#tokens < 1 - EPSILON) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Resolves once a token is taken; rejects with the signal's reason if aborted first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.tryAcquire()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.#waiters.indexOf(waiter);
          if (index !== -1) this.#waiters.splice(index, 1);
          reject(signal?.reason);
          this.#scheduleWake();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#waiters.push(waiter);
      this.#scheduleWake();
    });
  }

  /**
   * Hands out nothing before `epochMs`. A shorter pause never cuts a longer one short:
   * several 429s in flight at once all end up waiting for the latest Retry-After.
   */
  pauseUntil(epochMs: number): void {
    this.#refill();
    if (epochMs <= this.#pausedUntil || epochMs <= this.clock.now()) return;
    this.#pausedUntil = epochMs;
    this.#tokens = 1;
    this.#scheduleWake();
  }

  /** Applies a changed limit (config reload), keeping what was already spent. */
  reconfigure(limit: RateLimit): void {
    this.#refill();
    this.#apply(limit);
    this.#tokens = Math.min(this.#tokens, this.#capacity);
    this.#scheduleWake();
  }

  #apply(limit: RateLimit): void {
    if (!(limit.capacity >= 1))
      throw new RangeError(`Token bucket capacity must be at least 1, got ${limit.capacity}.`);
    if (!(limit.refillPerSecond > 0)) {
      throw new RangeError(
        `Token bucket refillPerSecond must be greater than 0, got ${limit.refillPerSecond}.`,
      );
    }
    this.#capacity = limit.capacity;
    this.#refillPerMs = limit.refillPerSecond / 1000;
  }

  #isPaused(): boolean {
    return this.clock.now() < this.#pausedUntil;
  }

  /** Adds the tokens earned since the last refill; nothing is earned during a pause. */
  #refill(): void {
    const now = this.clock.now();
    if (now >= this.#pausedUntil) {
      const from = Math.max(this.#refilledAt, this.#pausedUntil);
      if (this.#refillPerMs === Number.POSITIVE_INFINITY) this.#tokens = this.#capacity;
      else if (now > from)
        this.#tokens = Math.min(this.#capacity, this.#tokens + (now - from) * this.#refillPerMs);
    }
    this.#refilledAt = Math.max(now, this.#refilledAt);
  }

  #serveWaiters(): void {
    this.#cancelWake = undefined;
    this.#refill();
    while (this.#waiters.length > 0 && !this.#isPaused() && this.#tokens >= 1 - EPSILON) {
      this.#tokens -= 1;
      const waiter = this.#waiters.shift()!;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
    this.#scheduleWake();
  }

  /** One timer at most: set for when the first waiter can be served. */
  #scheduleWake(): void {
    this.#cancelWake?.();
    this.#cancelWake = undefined;
    if (this.#waiters.length === 0) return;
    this.#refill();
    const now = this.clock.now();
    const start = Math.max(now, this.#pausedUntil);
    const missing = Math.max(0, 1 - this.#tokens);
    // Rounded up to whole milliseconds, minus a hair so float noise cannot add a millisecond,
    // and never 0 while a token is missing, so the wake-up always finds one.
    const refillWait = missing <= EPSILON ? 0 : Math.max(1, Math.ceil(missing / this.#refillPerMs - 1e-6));
    this.#cancelWake = this.clock.setTimer(start + refillWait - now, () => this.#serveWaiters());
  }
}
