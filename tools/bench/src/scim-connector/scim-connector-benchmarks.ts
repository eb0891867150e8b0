import { measureLatencyCase, type LatencyCaseReport } from './measure-latency-case.js';
import {
  measureRateLimitCase,
  type RateLimitBudget,
  type RateLimitCaseReport,
} from './measure-rate-limit.js';

export interface ScimConnectorBenchOptions {
  /** Hub users of the throughput cases (2,000 by default). */
  readonly users?: number;
  /** Latency the target adds to every request, one case each (default 0 and 20 ms). */
  readonly latenciesMs?: readonly number[];
  /** Hub users of the rate-limit cases (smaller: at 50 requests a second they take a while). */
  readonly rateLimitedUsers?: number;
  /** The target's limit (default 50 requests a second). */
  readonly limit?: { readonly requests: number; readonly windowMs: number };
  /** Runs allowed per rate-limit case before giving up on it converging. */
  readonly maxRuns?: number;
  /** Progress lines (stderr in the CLI). */
  readonly log?: (line: string) => void;
}

export interface ScimConnectorBenchReport {
  readonly latencyCases: LatencyCaseReport[];
  readonly rateLimitCases: RateLimitCaseReport[];
}

/**
 * Where the client's budget can sit, against a target limit of `limit` requests a second: the
 * connector's bucket just under it (its default burst of one keeps any second to the rate plus
 * one) and at half of it, the engine's bucket just under it, and no budget at all.
 */
export function rateLimitBudgets(limit: number): RateLimitBudget[] {
  const under = Math.max(1, limit - 2);
  const half = Math.max(1, Math.floor(limit / 2));
  return [
    { name: `connector requestsPerSecond ${under}`, connectorRequestsPerSecond: under },
    { name: `connector requestsPerSecond ${half}`, connectorRequestsPerSecond: half },
    {
      name: `engine requestsPerSecond ${under}, burst ${under}`,
      engine: { requestsPerSecond: under, burst: under },
    },
    { name: 'no client budget' },
  ];
}

/**
 * The outbound SCIM suite: creates and updates per second through the engine and the SCIM
 * connector against the simulator, with and without added latency; HTTP requests per user
 * for a create, an update and an unchanged user; and behaviour against a rate-limited target.
 */
export async function runScimConnectorBenchmarks(
  options: ScimConnectorBenchOptions = {},
): Promise<ScimConnectorBenchReport> {
  const log = options.log ?? (() => undefined);
  const users = options.users ?? 2000;
  const latencyCases: LatencyCaseReport[] = [];
  for (const latencyMs of options.latenciesMs ?? [0, 20]) {
    log(`scim-connector: ${users} users, ${latencyMs} ms latency…`);
    const report = await measureLatencyCase(users, latencyMs);
    for (const phase of report.phases) {
      log(
        `  ${phase.name}: ${phase.seconds} s (CPU ${phase.cpuSeconds} s, load ${phase.loadAverage}), ` +
          `${phase.writesPerSecond} writes/s, ${phase.requestsPerUser.total} requests/user, ` +
          `${phase.storeCallsPerUser} store calls/user`,
      );
    }
    latencyCases.push(report);
  }

  const limit = options.limit ?? { requests: 50, windowMs: 1000 };
  const rateLimitedUsers = options.rateLimitedUsers ?? 300;
  const rateLimitCases: RateLimitCaseReport[] = [];
  for (const budget of rateLimitBudgets(Math.round((limit.requests * 1000) / limit.windowMs))) {
    log(
      `scim-connector: rate limit ${limit.requests}/${limit.windowMs} ms, ${rateLimitedUsers} users, ${budget.name}…`,
    );
    const report = await measureRateLimitCase({
      users: rateLimitedUsers,
      limit,
      budget,
      maxRuns: options.maxRuns ?? 10,
    });
    log(
      `  ${report.runs.length} run(s), ${report.seconds} s, ${report.acceptedPerSecond} accepted/s, ` +
        `${report.throttled} × 429, peak ${report.peakArrivalsPerSecond}/s`,
    );
    rateLimitCases.push(report);
  }
  return { latencyCases, rateLimitCases };
}
