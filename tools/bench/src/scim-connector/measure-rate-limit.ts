import type { ExecutionSettings, RunSummary } from '@idsync/core';
import type { LoggedRequest } from '@idsync/scim-target';
import { classifyRequests, type TrafficFigures } from './classify-requests.js';
import { ScimBenchEngine } from './scim-bench-engine.js';

/** Where the client's request budget sits, if anywhere. */
export interface RateLimitBudget {
  readonly name: string;
  /** The connector's own token bucket (every HTTP request, reads included). */
  readonly connectorRequestsPerSecond?: number;
  /** The engine's per-connection bucket (one token per planned operation, planning reads not counted). */
  readonly engine?: Pick<ExecutionSettings, 'requestsPerSecond' | 'burst'>;
}

export interface RateLimitCaseReport {
  readonly budget: RateLimitBudget;
  readonly users: number;
  readonly limit: { readonly requests: number; readonly windowMs: number };
  /** Runs until one succeeded (or the cap), with their statuses: 429s during planning fail users for that run. */
  readonly runs: { readonly status: RunSummary['status']; readonly counts: RunSummary['counts'] }[];
  readonly seconds: number;
  readonly traffic: TrafficFigures;
  readonly throttled: number;
  /** Requests the target accepted (not 429) per second, over all runs: how close to the limit the client ran. */
  readonly acceptedPerSecond: number;
  /** The most requests that arrived within one calendar second, and the most the target accepted in one. */
  readonly peakArrivalsPerSecond: number;
  readonly peakAcceptedPerSecond: number;
  readonly createsPerSecond: number;
  readonly remoteUsers: number;
}

function peakPerSecond(requests: readonly LoggedRequest[]): number {
  const perSecond = new Map<number, number>();
  for (const request of requests) {
    const second = Math.floor(request.receivedAt / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  return Math.max(0, ...perSecond.values());
}

/**
 * Provisions `users` to a target that allows `limit.requests` per window, with the client's
 * budget where `budget` puts it, running syncs until one succeeds (at most `maxRuns`).
 * Reports the throughput, how many 429s the target answered, and the busiest second.
 */
export async function measureRateLimitCase(options: {
  readonly users: number;
  readonly limit: { readonly requests: number; readonly windowMs: number };
  readonly budget: RateLimitBudget;
  readonly maxRuns: number;
}): Promise<RateLimitCaseReport> {
  const { budget } = options;
  const engine = await ScimBenchEngine.start({
    users: options.users,
    rateLimit: options.limit,
    ...(budget.connectorRequestsPerSecond !== undefined
      ? { connector: { requestsPerSecond: budget.connectorRequestsPerSecond } }
      : {}),
    ...(budget.engine ? { execution: budget.engine } : {}),
  });
  try {
    const runs: RateLimitCaseReport['runs'] = [];
    const started = process.hrtime.bigint();
    while (runs.length < options.maxRuns) {
      const run = await engine.sync('full');
      runs.push({ status: run.status, counts: run.counts });
      if (run.status === 'succeeded') break;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const requests = engine.simulator.requests.all();
    const traffic = classifyRequests(requests);
    const throttled = traffic.byStatus['429'] ?? 0;
    const accepted = requests.filter((request) => request.status !== 429);
    const remoteUsers = engine.simulator.store.users.size;
    return {
      budget,
      users: options.users,
      limit: options.limit,
      runs,
      seconds: Math.round(seconds * 1000) / 1000,
      traffic,
      throttled,
      acceptedPerSecond: Math.round((accepted.length / seconds) * 10) / 10,
      peakArrivalsPerSecond: peakPerSecond(requests),
      peakAcceptedPerSecond: peakPerSecond(accepted),
      createsPerSecond: Math.round((remoteUsers / seconds) * 10) / 10,
      remoteUsers,
    };
  } finally {
    await engine.close();
  }
}
