import { describe, expect, it } from '@jest/globals';
import { ManualClock } from '@idsync/core';
import { pino } from 'pino';
import type { Direction, SyncRequest } from '../engine/sync-engine.js';
import { Scheduler } from './scheduler.js';
import type { JobIntervals, SchedulerTarget } from './scheduler-target.js';

const silent = pino({ level: 'silent' });

/** A fake engine: records the runs asked for; runs finish when the test says so. */
class FakeTarget implements SchedulerTarget {
  readonly runs: { name: string; request: SyncRequest }[] = [];
  behind = true;
  lastFull: number | undefined;
  busyNames = new Set<string>();
  fail = false;
  private pending: (() => void)[] = [];
  hold = false;

  constructor(private list: { name: string; intervals: JobIntervals; directions: Direction[] }[]) {}

  connections() {
    return this.list.map(({ name, intervals }) => ({ name, intervals }));
  }
  setConnections(list: { name: string; intervals: JobIntervals; directions: Direction[] }[]) {
    this.list = list;
  }
  directions(name: string) {
    return this.list.find((c) => c.name === name)?.directions ?? [];
  }
  async outboundBehind() {
    return this.behind;
  }
  async lastFullReconciliation() {
    return this.lastFull;
  }
  busy(name: string) {
    return this.busyNames.has(name);
  }
  sync(name: string, request: SyncRequest): Promise<unknown> {
    this.runs.push({ name, request });
    if (this.fail) return Promise.reject(new Error('target down'));
    if (!this.hold) return Promise.resolve([]);
    return new Promise((resolve) => this.pending.push(() => resolve([])));
  }
  finishAll() {
    for (const finish of this.pending.splice(0)) finish();
  }
  kinds() {
    return this.runs.map(
      (run) => `${run.name}:${run.request.mode}:${run.request.directions?.join('+') ?? 'all'}`,
    );
  }
}

const intervals = (
  outboundChanges: number,
  inboundPoll: number,
  fullReconciliation: number,
): JobIntervals => ({ outboundChanges, inboundPoll, fullReconciliation });

describe('Scheduler', () => {
  it('pushes hub changes at once and then on its interval, only while the change feed is ahead', async () => {
    const clock = new ManualClock(1_000_000);
    const target = new FakeTarget([
      { name: 'crm', intervals: intervals(5000, 0, 0), directions: ['outbound'] },
    ]);
    const scheduler = new Scheduler(target, silent, clock);
    await scheduler.refresh();
    await clock.advanceBy(0);
    expect(target.kinds()).toEqual(['crm:incremental:outbound']);
    await clock.advanceBy(4999);
    expect(target.runs).toHaveLength(1);
    await clock.advanceBy(1);
    expect(target.runs).toHaveLength(2);
    target.behind = false;
    await clock.advanceBy(20_000);
    expect(target.runs).toHaveLength(2);
    await scheduler.stop();
  });

  it('runs each kind of job on its own interval, for the directions the connection has', async () => {
    const clock = new ManualClock(0);
    const target = new FakeTarget([
      { name: 'hr', intervals: intervals(1000, 3000, 10_000), directions: ['inbound'] },
      { name: 'crm', intervals: intervals(1000, 3000, 10_000), directions: ['outbound'] },
    ]);
    target.behind = false;
    const scheduler = new Scheduler(target, silent, clock);
    await scheduler.refresh();
    await clock.advanceBy(10_000);
    expect(target.kinds().sort()).toEqual([
      'crm:full:all',
      'hr:full:all',
      'hr:incremental:inbound',
      'hr:incremental:inbound',
      'hr:incremental:inbound',
    ]);
    await scheduler.stop();
  });

  it('turns a job off with a zero interval and applies a changed interval on refresh', async () => {
    const clock = new ManualClock(0);
    const target = new FakeTarget([
      { name: 'hr', intervals: intervals(0, 1000, 0), directions: ['inbound'] },
    ]);
    const scheduler = new Scheduler(target, silent, clock);
    await scheduler.refresh();
    expect(scheduler.describe()).toEqual([{ connection: 'hr', kind: 'inbound-poll', intervalMs: 1000 }]);
    await clock.advanceBy(2000);
    expect(target.runs).toHaveLength(2);
    target.setConnections([{ name: 'hr', intervals: intervals(0, 10_000, 0), directions: ['inbound'] }]);
    await scheduler.refresh();
    await clock.advanceBy(9999);
    expect(target.runs).toHaveLength(2);
    await clock.advanceBy(1);
    expect(target.runs).toHaveLength(3);
    target.setConnections([]);
    await scheduler.refresh();
    expect(scheduler.describe()).toEqual([]);
    await clock.advanceBy(100_000);
    expect(target.runs).toHaveLength(3);
  });

  it('never overlaps a job with itself: the next tick waits for the run to end', async () => {
    const clock = new ManualClock(0);
    const target = new FakeTarget([
      { name: 'hr', intervals: intervals(0, 1000, 0), directions: ['inbound'] },
    ]);
    target.hold = true;
    const scheduler = new Scheduler(target, silent, clock);
    await scheduler.refresh();
    await clock.advanceBy(10_000);
    expect(target.runs).toHaveLength(1);
    target.finishAll();
    await clock.settle();
    await clock.advanceBy(1000);
    expect(target.runs).toHaveLength(2);
    target.finishAll();
    await scheduler.stop();
  });

  it('skips a poll while the connection is busy with another run', async () => {
    const clock = new ManualClock(0);
    const target = new FakeTarget([
      { name: 'hr', intervals: intervals(1000, 1000, 0), directions: ['inbound', 'outbound'] },
    ]);
    target.busyNames.add('hr');
    const scheduler = new Scheduler(target, silent, clock);
    await scheduler.refresh();
    await clock.advanceBy(5000);
    expect(target.runs).toEqual([]);
    target.busyNames.clear();
    await clock.advanceBy(1000);
    expect(target.kinds().sort()).toEqual(['hr:incremental:inbound', 'hr:incremental:outbound']);
    await scheduler.stop();
  });

  it('resumes the full-reconciliation rhythm from the last full run after a restart', async () => {
    const clock = new ManualClock(100_000);
    const target = new FakeTarget([
      { name: 'hr', intervals: intervals(0, 0, 60_000), directions: ['inbound'] },
    ]);
    target.lastFull = 100_000 - 50_000;
    const scheduler = new Scheduler(target, silent, clock);
    await scheduler.refresh();
    await clock.advanceBy(9_999);
    expect(target.runs).toHaveLength(0);
    await clock.advanceBy(1);
    expect(target.kinds()).toEqual(['hr:full:all']);
    await clock.advanceBy(60_000);
    expect(target.runs).toHaveLength(2);
    await scheduler.stop();
  });

  it('keeps scheduling after a failed run', async () => {
    const clock = new ManualClock(0);
    const target = new FakeTarget([
      { name: 'hr', intervals: intervals(0, 1000, 0), directions: ['inbound'] },
    ]);
    target.fail = true;
    const scheduler = new Scheduler(target, silent, clock);
    await scheduler.refresh();
    await clock.advanceBy(3000);
    expect(target.runs).toHaveLength(3);
    await scheduler.stop();
  });

  it('on stop, starts nothing new and waits for the runs in flight', async () => {
    const clock = new ManualClock(0);
    const target = new FakeTarget([
      { name: 'hr', intervals: intervals(0, 1000, 0), directions: ['inbound'] },
    ]);
    target.hold = true;
    const scheduler = new Scheduler(target, silent, clock);
    await scheduler.refresh();
    await clock.advanceBy(1000);
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await clock.settle();
    expect(stopped).toBe(false);
    target.finishAll();
    await stopping;
    expect(stopped).toBe(true);
    await clock.advanceBy(10_000);
    expect(target.runs).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
  });
});
