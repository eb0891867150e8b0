import type { RunSummary } from '@idsync/core';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type RunDirection = 'inbound' | 'outbound' | 'rule-deletion';

/** The outcomes the engine counts per operation kind (`create.succeeded`, `update.failed`…). */
const RESULT = /^(.+)\.(succeeded|failed|withheld|skipped|quarantined|cancelled|timed-out)$/;

/**
 * The Prometheus metrics of one server, on a registry of its own (never the global one, so
 * two servers in one test process do not collide). Names follow Prometheus conventions.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly operations = new Counter({
    name: 'idsync_operations_total',
    help: 'Operations carried out, by connection, operation kind and result.',
    labelNames: ['connection', 'operation', 'result'] as const,
    registers: [this.registry],
  });
  readonly runDuration = new Histogram({
    name: 'idsync_run_duration_seconds',
    help: 'How long runs took, by connection, direction, mode and final status.',
    labelNames: ['connection', 'direction', 'mode', 'status'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
    registers: [this.registry],
  });
  readonly executionWaits = new Counter({
    name: 'idsync_execution_waits_total',
    help: "Times an operation waited before it could go out, by connection and reason: concurrency (a free slot), rate-limit (a token of the connection's rate limit), retry-after (the store's Retry-After pause).",
    labelNames: ['connection', 'reason'] as const,
    registers: [this.registry],
  });
  readonly executionWaitSeconds = new Counter({
    name: 'idsync_execution_wait_seconds_total',
    help: 'Time operations spent waiting before they could go out, by connection and reason (concurrency, rate-limit, retry-after).',
    labelNames: ['connection', 'reason'] as const,
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'idsync_queue_depth',
    help: 'Runs waiting for their connection to be free.',
    labelNames: ['connection'] as const,
    registers: [this.registry],
  });
  readonly quarantined = new Gauge({
    name: 'idsync_connection_quarantined',
    help: '1 while a connection is quarantined (or probing), 0 when healthy.',
    labelNames: ['connection'] as const,
    registers: [this.registry],
  });
  readonly hubChangesPending = new Gauge({
    name: 'idsync_outbound_changes_behind',
    help: 'Hub changes not yet pushed out, per connection (0 when caught up).',
    labelNames: ['connection'] as const,
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true)
      collectDefaultMetrics({ register: this.registry, prefix: 'idsync_process_' });
  }

  recordRun(connection: string, direction: RunDirection, summary: RunSummary, seconds: number): void {
    this.runDuration.observe({ connection, direction, mode: summary.mode, status: summary.status }, seconds);
    for (const [key, count] of Object.entries(summary.counts)) {
      const match = RESULT.exec(key);
      if (match && count > 0)
        this.operations.inc({ connection, operation: match[1]!, result: match[2]! }, count);
    }
  }
}
