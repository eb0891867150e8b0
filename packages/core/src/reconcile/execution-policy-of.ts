import type { ExecutionPolicyInput } from '../execute/execution-policy.js';
import type { Connection } from '../model/connection.js';

/**
 * The executor policy a connection's settings ask for. Planning reads and the writes of the
 * plan go through the same policy, so both share one concurrency limit and one token bucket.
 */
export function executionPolicyOf(connection: Connection): ExecutionPolicyInput {
  const { execution } = connection;
  return {
    maxConcurrency: execution.maxConcurrency,
    rateLimit: { capacity: execution.burst, refillPerSecond: execution.requestsPerSecond },
    retry: { maxAttempts: execution.maxAttempts },
    quarantine: { failureThreshold: execution.quarantineAfter },
  };
}
