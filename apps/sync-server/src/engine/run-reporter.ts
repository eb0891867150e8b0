import type { ObjectType, RunRecord, RunStore, RunSummary } from '@idsync/core';
import type { Logger } from 'pino';
import type { RunDirection, ServerMetrics } from '../metrics/server-metrics.js';

export interface RunReport {
  readonly connection: string;
  readonly direction: RunDirection;
  readonly objectType: ObjectType;
  readonly summary: RunSummary;
  /** `performance.now()` when the run began. */
  readonly started: number;
  readonly trigger: string;
  readonly dryRun: boolean;
}

const LEVEL: Record<RunRecord['status'], 'info' | 'warn' | 'error'> = {
  running: 'info',
  succeeded: 'info',
  cancelled: 'info',
  partial: 'warn',
  'awaiting-approval': 'warn',
  failed: 'error',
};

/**
 * What a finished run leaves behind outside the store: its metrics, one log line (info, or
 * warn/error when it needs attention), and at debug one line per planned operation.
 */
export class RunReporter {
  constructor(
    private readonly logger: Logger,
    private readonly metrics: ServerMetrics,
    private readonly runs: RunStore,
  ) {}

  async report(run: RunReport): Promise<void> {
    const { summary } = run;
    const seconds = (performance.now() - run.started) / 1000;
    if (!run.dryRun) this.metrics.recordRun(run.connection, run.direction, summary, seconds);
    this.logger[LEVEL[summary.status]](
      {
        connection: run.connection,
        direction: run.direction,
        objectType: run.objectType,
        runId: summary.runId,
        mode: summary.mode,
        plan: run.dryRun,
        status: summary.status,
        counts: summary.counts,
        durationMs: Math.round(seconds * 1000),
        trigger: run.trigger,
        ...(summary.reason ? { reason: summary.reason } : {}),
      },
      run.dryRun ? 'plan' : 'run',
    );
    if (!run.dryRun) await this.logOperations(run.connection, summary.runId);
  }

  /** One debug line per operation of a run, read back from the store page by page. */
  private async logOperations(connection: string, runId: string): Promise<void> {
    if (!this.logger.isLevelEnabled('debug')) return;
    for (let after = 0; ;) {
      const page = await this.runs.operations(runId, after, 500);
      if (!page.length) return;
      after = page[page.length - 1]!.sequence;
      for (const operation of page) {
        const reason = (operation.detail as { reason?: { summary?: string } }).reason?.summary;
        this.logger.debug(
          {
            connection,
            runId,
            sequence: operation.sequence,
            operation: operation.kind,
            objectType: operation.objectType,
            hubId: operation.hubId,
            remoteId: operation.remoteId,
            reason,
          },
          'operation',
        );
      }
    }
  }
}
