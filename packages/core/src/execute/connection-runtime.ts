import type { Clock } from './clock.js';
import { ConcurrencyLimiter } from './concurrency-limiter.js';
import { ConnectionQuarantine, type QuarantinePolicy } from './connection-quarantine.js';
import type { ExecutionPolicy } from './execution-policy.js';
import { runWithTimeout } from './run-with-timeout.js';
import { TokenBucket, type RateLimit } from './token-bucket.js';

const UNLIMITED: RateLimit = {
  capacity: Number.POSITIVE_INFINITY,
  refillPerSecond: Number.POSITIVE_INFINITY,
};
const NEVER_QUARANTINE: QuarantinePolicy = { failureThreshold: Number.POSITIVE_INFINITY, coolDownMs: 0 };

/**
 * The state one connection keeps between executions: its concurrency slots, its token bucket
 * and its quarantine. Shared by every stream run against the connection, so limits hold per
 * connection and a quarantine outlives the run that tripped it.
 */
export class ConnectionRuntime {
  readonly limiter: ConcurrencyLimiter;
  readonly bucket: TokenBucket;
  readonly quarantine: ConnectionQuarantine;

  constructor(
    readonly connectionId: string,
    policy: ExecutionPolicy,
    private readonly clock: Clock,
  ) {
    this.limiter = new ConcurrencyLimiter(policy.maxConcurrency);
    this.bucket = new TokenBucket(policy.rateLimit ?? UNLIMITED, clock);
    this.quarantine = new ConnectionQuarantine(connectionId, this.#quarantinePolicy(policy), clock);
  }

  /** Adopts a changed policy (config reload) without losing spent tokens or quarantine state. */
  apply(policy: ExecutionPolicy): void {
    this.limiter.limit = policy.maxConcurrency;
    this.bucket.reconfigure(policy.rateLimit ?? UNLIMITED);
    this.quarantine.policy = this.#quarantinePolicy(policy);
  }

  /** The probe goes through the same gate as any request: it takes a token and has the same time limit. */
  #quarantinePolicy(policy: ExecutionPolicy): QuarantinePolicy {
    const configured = policy.quarantine ?? NEVER_QUARANTINE;
    const probe = configured.probe;
    if (!probe) return configured;
    return {
      ...configured,
      probe: async (signal) => {
        await this.bucket.acquire(signal);
        return runWithTimeout(probe, { clock: this.clock, signal, timeoutMs: policy.timeoutMs });
      },
    };
  }
}
