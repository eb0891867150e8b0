import { systemClock, type CancelTimer, type Clock } from '@idsync/core';
import type { Logger } from 'pino';
import type { JobIntervals, JobKind, SchedulerTarget } from './scheduler-target.js';

interface Job {
  readonly connection: string;
  readonly kind: JobKind;
  interval: number;
  cancel?: CancelTimer;
  running?: Promise<void>;
}

const INTERVAL_KEY: Record<JobKind, keyof JobIntervals> = {
  'outbound-changes': 'outboundChanges',
  'inbound-poll': 'inboundPoll',
  'full-reconciliation': 'fullReconciliation',
};

/**
 * Three kinds of job per connection, each on its own interval: near-real-time outbound (push the
 * hub's changes when the change feed is ahead of the connection's checkpoint), incremental
 * inbound polling, and periodic full reconciliation of both directions. The next tick is
 * scheduled when a job ends, so a slow run never overlaps itself; a tick that finds its
 * connection busy is skipped (the run in progress covers it), except full reconciliation,
 * which queues. Full reconciliation resumes its rhythm after a restart from the time of the
 * last full run.
 */
export class Scheduler {
  private readonly jobs = new Map<string, Job>();
  private stopped = false;

  constructor(
    private readonly target: SchedulerTarget,
    private readonly logger: Logger,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Starts (or, after catalog changes, adjusts) the jobs of every connection. */
  async refresh(): Promise<void> {
    if (this.stopped) return;
    const wanted = new Set<string>();
    for (const { name, intervals } of this.target.connections()) {
      for (const kind of Object.keys(INTERVAL_KEY) as JobKind[]) {
        const interval = intervals[INTERVAL_KEY[kind]];
        const key = `${name}\u0000${kind}`;
        if (interval <= 0) continue;
        wanted.add(key);
        const existing = this.jobs.get(key);
        if (existing) {
          if (existing.interval !== interval) {
            existing.interval = interval;
            this.arm(existing, interval);
          }
          continue;
        }
        const job: Job = { connection: name, kind, interval };
        this.jobs.set(key, job);
        this.arm(job, await this.firstDelay(job));
      }
    }
    for (const [key, job] of this.jobs) {
      if (!wanted.has(key)) {
        job.cancel?.();
        this.jobs.delete(key);
      }
    }
  }

  /** The jobs and their intervals, for the status endpoint and tests. */
  describe(): { connection: string; kind: JobKind; intervalMs: number }[] {
    return [...this.jobs.values()].map((job) => ({
      connection: job.connection,
      kind: job.kind,
      intervalMs: job.interval,
    }));
  }

  /** Cancels every timer and waits for the jobs in flight to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    const running: Promise<void>[] = [];
    for (const job of this.jobs.values()) {
      job.cancel?.();
      if (job.running) running.push(job.running);
    }
    await Promise.all(running);
  }

  private async firstDelay(job: Job): Promise<number> {
    if (job.kind === 'outbound-changes') return 0;
    if (job.kind === 'inbound-poll') return job.interval;
    const last = await this.target.lastFullReconciliation(job.connection);
    return last === undefined ? job.interval : Math.max(0, last + job.interval - this.clock.now());
  }

  private arm(job: Job, delay: number): void {
    job.cancel?.();
    job.cancel = this.clock.setTimer(delay, () => {
      job.cancel = undefined;
      job.running = this.tick(job).finally(() => {
        job.running = undefined;
        if (!this.stopped && this.jobs.get(`${job.connection}\u0000${job.kind}`) === job)
          this.arm(job, job.interval);
      });
    });
  }

  private async tick(job: Job): Promise<void> {
    const { target } = this;
    const name = job.connection;
    try {
      const directions = target.directions(name);
      switch (job.kind) {
        case 'outbound-changes':
          if (!directions.includes('outbound') || target.busy(name) || !(await target.outboundBehind(name)))
            return;
          await target.sync(name, {
            mode: 'incremental',
            directions: ['outbound'],
            trigger: 'schedule: hub changes',
          });
          return;
        case 'inbound-poll':
          if (!directions.includes('inbound') || target.busy(name)) return;
          await target.sync(name, {
            mode: 'incremental',
            directions: ['inbound'],
            trigger: 'schedule: inbound poll',
          });
          return;
        case 'full-reconciliation':
          if (!directions.length) return;
          await target.sync(name, { mode: 'full', trigger: 'schedule: full reconciliation' });
          return;
      }
    } catch (error) {
      if (this.stopped) return;
      this.logger.error({ connection: name, job: job.kind, err: error }, 'scheduled run failed');
    }
  }
}
