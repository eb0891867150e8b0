import { BehaviorSubject, distinctUntilChanged, type Observable } from 'rxjs';
import type { ErrorClassification } from './classify-error.js';
import { classifyError } from './classify-error.js';
import type { Clock } from './clock.js';
import type { ConnectionHealth, QuarantineInfo } from './connection-health.js';

export interface QuarantinePolicy {
  /**
   * Consecutive operations (after their retries) that failed for connection-level reasons —
   * 401/403, refused connections, 5xx that outlasted the retries, timeouts — before the
   * connection is quarantined. Counting whole operations rather than attempts means retries
   * already had their chance; `Infinity` turns quarantine off.
   */
  readonly failureThreshold: number;
  /** Rest after tripping before one probe may test the connection again. */
  readonly coolDownMs: number;
  /**
   * The probe: typically the connector's testConnection. Resolving lifts the quarantine, any
   * rejection renews it. Without a probe, the first operation admitted after the cool-down is
   * the probe instead.
   */
  readonly probe?: (signal: AbortSignal) => Promise<unknown>;
}

/** Reports the outcome of an admitted operation back to the quarantine, exactly once. */
export interface QuarantinePass {
  /** This operation is the half-open probe: its outcome decides whether the quarantine lifts. */
  readonly probe: boolean;
  succeeded(): void;
  failed(error: unknown, classification: ErrorClassification): void;
  /** Cancelled before an outcome: a probe hands the decision to the next operation. */
  abandoned(): void;
}

export type Admission =
  | { readonly admitted: true; readonly pass: QuarantinePass }
  | { readonly admitted: false; readonly quarantine: QuarantineInfo };

function untilSettledOrAborted(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The circuit breaker of one connection. Closed while operations succeed or fail for
 * object-specific reasons (a 409 proves the store answers, so it resets the count); open after
 * `failureThreshold` consecutive connection-level failures; half-open after the cool-down,
 * when a single probe decides. While open, operations are refused so the executor reports
 * them as skipped, never silently dropped. Outcomes of operations admitted before the trip
 * do not change an open breaker: only the probe (or {@link lift}) closes it.
 */
export class ConnectionQuarantine {
  readonly #health: BehaviorSubject<ConnectionHealth>;
  #consecutiveFailures = 0;
  #probeGeneration = 0;
  #probeSettled: Promise<void> = Promise.resolve();
  #settleProbe: () => void = () => {};

  constructor(
    readonly connectionId: string,
    public policy: QuarantinePolicy,
    private readonly clock: Clock,
  ) {
    this.#health = new BehaviorSubject<ConnectionHealth>({ state: 'healthy', connectionId });
  }

  get health(): ConnectionHealth {
    return this.#health.value;
  }

  /** Current state first, then every change. */
  get health$(): Observable<ConnectionHealth> {
    return this.#health.pipe(distinctUntilChanged());
  }

  get consecutiveFailures(): number {
    return this.#consecutiveFailures;
  }

  /**
   * Asks whether an operation may start. Waits while a probe is running (its verdict decides)
   * and starts the probe itself when the cool-down is over.
   */
  async admit(signal?: AbortSignal): Promise<Admission> {
    for (;;) {
      signal?.throwIfAborted();
      const health = this.health;
      if (health.state === 'healthy') return { admitted: true, pass: this.#ordinaryPass() };
      if (health.state === 'probing') {
        await untilSettledOrAborted(this.#probeSettled, signal);
        continue;
      }
      if (this.clock.now() < health.quarantine.probeAfter)
        return { admitted: false, quarantine: health.quarantine };
      const generation = this.#startProbing(health.quarantine);
      if (!this.policy.probe) return { admitted: true, pass: this.#probePass(generation) };
      this.#runProbeCallback(this.policy.probe, generation);
    }
  }

  /** Opens the breaker now, e.g. when the engine learns the credentials were revoked. */
  trip(
    reason: string,
    lastError: unknown,
    classification: ErrorClassification = classifyError(lastError),
  ): void {
    const since = this.clock.now();
    const quarantine: QuarantineInfo = {
      connectionId: this.connectionId,
      reason,
      since,
      lastError,
      category: classification.category,
      probeAfter: since + this.policy.coolDownMs,
    };
    this.#consecutiveFailures = 0;
    this.#health.next({ state: 'quarantined', connectionId: this.connectionId, quarantine });
    this.#settleProbe();
  }

  /** Closes the breaker (an operator fixed the cause and does not want to wait for the cool-down). */
  lift(): void {
    this.#consecutiveFailures = 0;
    if (this.health.state !== 'healthy')
      this.#health.next({ state: 'healthy', connectionId: this.connectionId });
    this.#settleProbe();
  }

  #startProbing(quarantine: QuarantineInfo): number {
    this.#probeGeneration++;
    this.#probeSettled = new Promise<void>((resolve) => (this.#settleProbe = resolve));
    this.#health.next({
      state: 'probing',
      connectionId: this.connectionId,
      quarantine,
      probeStartedAt: this.clock.now(),
    });
    return this.#probeGeneration;
  }

  #isCurrentProbe(generation: number): boolean {
    return generation === this.#probeGeneration && this.health.state === 'probing';
  }

  #runProbeCallback(probe: (signal: AbortSignal) => Promise<unknown>, generation: number): void {
    // Shared by every waiting operation, so it is not tied to any one caller's signal;
    // the probe is expected to bound its own time (the executor wraps it in the timeout).
    const controller = new AbortController();
    Promise.resolve()
      .then(() => probe(controller.signal))
      .then(
        () => {
          if (this.#isCurrentProbe(generation)) this.lift();
        },
        (error: unknown) => {
          if (this.#isCurrentProbe(generation)) this.trip(`the probe failed: ${describe(error)}`, error);
        },
      );
  }

  #probePass(generation: number): QuarantinePass {
    let reported = false;
    const once = (action: () => void) => {
      if (reported || !this.#isCurrentProbe(generation)) return;
      reported = true;
      action();
    };
    return {
      probe: true,
      succeeded: () => once(() => this.lift()),
      failed: (error, classification) =>
        once(() => {
          if (classification.connectionLevel) {
            this.trip(
              `the probe operation failed (${classification.category}): ${describe(error)}`,
              error,
              classification,
            );
          } else if (classification.category === 'cancelled') {
            this.#returnToQuarantine();
          } else {
            this.lift(); // The store answered; this object's problem is not the connection's.
          }
        }),
      abandoned: () => once(() => this.#returnToQuarantine()),
    };
  }

  /** A probe that gave no verdict: stay quarantined, and let the next admission probe at once. */
  #returnToQuarantine(): void {
    const health = this.health;
    if (health.state !== 'probing') return;
    this.#health.next({
      state: 'quarantined',
      connectionId: this.connectionId,
      quarantine: health.quarantine,
    });
    this.#settleProbe();
  }

  #ordinaryPass(): QuarantinePass {
    let reported = false;
    const once = (action: () => void) => {
      if (reported) return;
      reported = true;
      if (this.health.state === 'healthy') action();
    };
    return {
      probe: false,
      succeeded: () => once(() => (this.#consecutiveFailures = 0)),
      failed: (error, classification) => once(() => this.#countFailure(error, classification)),
      abandoned: () => once(() => {}),
    };
  }

  #countFailure(error: unknown, classification: ErrorClassification): void {
    if (!classification.connectionLevel) {
      // Rate limiting and cancellation say nothing either way; other answers prove the store is reachable.
      if (classification.category !== 'rate-limited' && classification.category !== 'cancelled') {
        this.#consecutiveFailures = 0;
      }
      return;
    }
    this.#consecutiveFailures++;
    if (this.#consecutiveFailures >= this.policy.failureThreshold) {
      const status = classification.status === undefined ? '' : ` (HTTP ${classification.status})`;
      this.trip(
        `${this.#consecutiveFailures} operations in a row failed with connection-level errors; ` +
          `the last was ${classification.category}${status}: ${describe(error)}.`,
        error,
        classification,
      );
    }
  }
}
