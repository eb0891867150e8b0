import autocannon from 'autocannon';
import type { BenchScenario } from './bench-scenarios.js';

export interface LoadOptions {
  /** Seconds per scenario. */
  readonly durationSeconds: number;
  /** Concurrent keep-alive connections. */
  readonly connections: number;
  /** The bearer token of a configured client. */
  readonly token: string;
}

/** What one scenario achieved; non-2xx answers and errors are reported so a fast failure cannot pass for speed. */
export interface ScenarioFigures {
  readonly name: string;
  readonly description: string;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly latencyMaxMs: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly statusCodes: Record<string, number>;
}

/** Runs each scenario with autocannon against `origin` (loopback), one after another. */
export async function measureScenarios(
  origin: string,
  scenarios: readonly BenchScenario[],
  options: LoadOptions,
): Promise<ScenarioFigures[]> {
  const figures: ScenarioFigures[] = [];
  for (const scenario of scenarios) {
    const result = await autocannon({
      url: origin,
      connections: options.connections,
      duration: options.durationSeconds,
      headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/scim+json' },
      requests: scenario.requests,
      title: scenario.name,
    });
    figures.push({
      name: scenario.name,
      description: scenario.description,
      requests: result.requests.total,
      requestsPerSecond: Math.round(result.requests.average),
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      latencyMaxMs: result.latency.max,
      non2xx: result.non2xx,
      errors: result.errors,
      statusCodes: Object.fromEntries(
        Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count]),
      ),
    });
  }
  return figures;
}
