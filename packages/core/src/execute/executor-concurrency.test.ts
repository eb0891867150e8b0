import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { from, merge } from 'rxjs';
import { Executor } from './executor.js';
import { ManualClock } from './manual-clock.js';
import { collect } from './testing/collect.js';
import { InstrumentedRunner } from './testing/instrumented-runner.js';

const ops = (count: number, prefix = 'op') => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

describe('Executor: concurrency and rate limits', () => {
  it('fills up to maxConcurrency runs in flight and never more, and runs every operation (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 1, max: 500 }), { maxLength: 40 }),
        async (limit, durations) => {
          const clock = new ManualClock();
          const operations = durations.map((durationMs, i) => ({ id: i, durationMs }));
          const runner = new InstrumentedRunner(clock, (op: { id: number; durationMs: number }) => ({
            durationMs: op.durationMs,
            result: op.id,
          }));
          const results = collect(
            new Executor({ clock }).execute('ldap', from(operations), runner.run, { maxConcurrency: limit }),
          );
          await clock.runUntilIdle();
          expect(results.completed).toBe(true);
          expect(runner.maxInFlight).toBeLessThanOrEqual(limit);
          // All start together, so the slots fill up to the limit (or the amount of work).
          expect(runner.maxInFlight).toBe(Math.min(limit, operations.length));
          expect(results.values.map((result) => result.status)).toEqual(operations.map(() => 'succeeded'));
          expect(results.values.map((result) => result.index).sort((a, b) => a - b)).toEqual(
            operations.map((op) => op.id),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('fills every slot when there is enough work', async () => {
    const clock = new ManualClock();
    const runner = new InstrumentedRunner(clock, () => ({ durationMs: 100 }));
    collect(new Executor({ clock }).execute('ldap', from(ops(10)), runner.run, { maxConcurrency: 3 }));
    await clock.runUntilIdle();
    expect(runner.maxInFlight).toBe(3);
    expect(runner.attempts.map((attempt) => attempt.startedAt)).toEqual([
      0, 0, 0, 100, 100, 100, 200, 200, 200, 300,
    ]);
  });

  it('holds the limit per connection even across two streams at once', async () => {
    const clock = new ManualClock();
    const executor = new Executor({ clock });
    const runner = new InstrumentedRunner(clock, () => ({ durationMs: 100 }));
    const users = executor.execute('scim', from(ops(6, 'user')), runner.run, { maxConcurrency: 2 });
    const groups = executor.execute('scim', from(ops(6, 'group')), runner.run, { maxConcurrency: 2 });
    const results = collect(merge(users, groups));
    await clock.runUntilIdle();
    expect(results.values).toHaveLength(12);
    expect(runner.maxInFlight).toBe(2);
  });

  it('runs connections independently: a slow one does not hold back another', async () => {
    const clock = new ManualClock();
    const executor = new Executor({ clock });
    const slow = new InstrumentedRunner(clock, () => ({ durationMs: 10_000 }));
    const fast = new InstrumentedRunner(clock, () => ({ durationMs: 10 }));
    collect(executor.execute('pingone', from(ops(3)), slow.run, { maxConcurrency: 1 }));
    const fastResults = collect(executor.execute('slack', from(ops(3)), fast.run, { maxConcurrency: 1 }));
    await clock.advanceBy(30);
    expect(fastResults.completed).toBe(true);
    expect(fast.attempts.map((attempt) => attempt.startedAt)).toEqual([0, 10, 20]);
    expect(slow.attempts).toHaveLength(1);
  });

  it('spaces operations as the token bucket allows: the burst at once, then one per refill', async () => {
    const clock = new ManualClock();
    const runner = new InstrumentedRunner(clock, () => ({ durationMs: 1 }));
    const results = collect(
      new Executor({ clock }).execute('slack', from(ops(6)), runner.run, {
        maxConcurrency: 10,
        rateLimit: { capacity: 2, refillPerSecond: 4 },
      }),
    );
    await clock.runUntilIdle();
    expect(results.completed).toBe(true);
    expect(runner.attempts.map((attempt) => attempt.startedAt)).toEqual([0, 0, 250, 500, 750, 1000]);
  });

  it('shares one bucket between the streams of a connection, but not between connections', async () => {
    const clock = new ManualClock();
    const executor = new Executor({ clock });
    const policy = { maxConcurrency: 10, rateLimit: { capacity: 1, refillPerSecond: 1 } };
    const shared = new InstrumentedRunner(clock, () => ({}));
    const other = new InstrumentedRunner(clock, () => ({}));
    collect(executor.execute('github', from(ops(2, 'a')), shared.run, policy));
    collect(executor.execute('github', from(ops(2, 'b')), shared.run, policy));
    collect(executor.execute('atlassian', from(ops(2, 'c')), other.run, policy));
    await clock.runUntilIdle();
    expect(shared.attempts.map((attempt) => attempt.startedAt)).toEqual([0, 1000, 2000, 3000]);
    expect(other.attempts.map((attempt) => attempt.startedAt)).toEqual([0, 1000]);
  });

  it('emits results in completion order, each carrying its input index', async () => {
    const clock = new ManualClock();
    const durations: Record<string, number> = { first: 300, second: 100, third: 200 };
    const runner = new InstrumentedRunner(clock, (op: string) => ({
      durationMs: durations[op],
      result: op.toUpperCase(),
    }));
    const results = collect(
      new Executor({ clock }).execute('sql', from(Object.keys(durations)), runner.run, { maxConcurrency: 3 }),
    );
    await clock.runUntilIdle();
    expect(results.values.map((result) => [result.operation, result.index, result.finishedAt])).toEqual([
      ['second', 1, 100],
      ['third', 2, 200],
      ['first', 0, 300],
    ]);
    expect(
      results.values.map((result) => (result.status === 'succeeded' ? result.result : undefined)),
    ).toEqual(['SECOND', 'THIRD', 'FIRST']);
  });
});
