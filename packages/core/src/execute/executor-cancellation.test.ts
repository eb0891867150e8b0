import { describe, expect, it } from '@jest/globals';
import { from, Subject, take } from 'rxjs';
import { Executor } from './executor.js';
import { InvalidExecutionPolicyError } from './invalid-execution-policy-error.js';
import { ManualClock } from './manual-clock.js';
import { collect } from './testing/collect.js';
import { httpError } from './testing/http-errors.js';
import { InstrumentedRunner } from './testing/instrumented-runner.js';

const ops = (count: number) => Array.from({ length: count }, (_, i) => `op-${i}`);

describe('Executor: cancellation', () => {
  it('aborts every run in flight when the subscriber unsubscribes, and starts nothing more', async () => {
    const clock = new ManualClock();
    const runner = new InstrumentedRunner(clock, () => ({ durationMs: 10_000 }));
    const results = collect(
      new Executor({ clock }).execute('ldap', from(ops(5)), runner.run, { maxConcurrency: 2 }),
    );
    await clock.advanceBy(100);
    expect(runner.inFlight).toBe(2);
    results.subscription.unsubscribe();
    await clock.settle();
    expect(runner.attempts.map((attempt) => [attempt.signal.aborted, attempt.outcome])).toEqual([
      [true, 'aborted'],
      [true, 'aborted'],
    ]);
    await clock.runUntilIdle();
    expect(runner.attempts).toHaveLength(2);
    expect(results.values).toHaveLength(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('stops an operation waiting in backoff, so no retry happens after unsubscribing', async () => {
    const clock = new ManualClock();
    const runner = new InstrumentedRunner(clock, () => ({ error: httpError(503, 'down') }));
    const results = collect(
      new Executor({ clock, random: () => 0.5 }).execute('scim', from(['alice']), runner.run, {
        retry: { maxAttempts: 5, baseDelayMs: 1_000 },
      }),
    );
    await clock.advanceBy(100);
    expect(runner.attempts).toHaveLength(1);
    results.subscription.unsubscribe();
    await clock.runUntilIdle();
    expect(runner.attempts).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
  });

  it('stops operations waiting for a token, and frees the bucket for other streams', async () => {
    const clock = new ManualClock();
    const executor = new Executor({ clock });
    const policy = { maxConcurrency: 5, rateLimit: { capacity: 1, refillPerSecond: 1 } };
    const cancelled = new InstrumentedRunner(clock, () => ({}));
    const first = collect(executor.execute('slack', from(ops(5)), cancelled.run, policy));
    await clock.settle();
    first.subscription.unsubscribe();
    const kept = new InstrumentedRunner(clock, () => ({}));
    collect(executor.execute('slack', from(ops(1)), kept.run, policy));
    await clock.runUntilIdle();
    expect(cancelled.attempts).toHaveLength(1);
    expect(kept.attempts.map((attempt) => attempt.startedAt)).toEqual([1000]);
  });

  it('lets a consumer take only what it needs: take(n) cancels the rest', async () => {
    const clock = new ManualClock();
    const runner = new InstrumentedRunner(clock, (op: string) => ({ durationMs: 10, result: op }));
    const results = collect(
      new Executor({ clock }).execute('sql', from(ops(10)), runner.run, { maxConcurrency: 1 }).pipe(take(2)),
    );
    await clock.runUntilIdle();
    expect(results.completed).toBe(true);
    expect(results.values).toHaveLength(2);
    expect(runner.attempts.filter((attempt) => attempt.outcome === 'succeeded')).toHaveLength(2);
    expect(runner.attempts.length).toBeLessThanOrEqual(3);
  });

  it('executes operations as they arrive and completes when the source does', async () => {
    const clock = new ManualClock();
    const source = new Subject<string>();
    const runner = new InstrumentedRunner(clock, (op: string) => ({ result: op }));
    const results = collect(new Executor({ clock }).execute('pingone', source, runner.run));
    source.next('a');
    await clock.advanceBy(500);
    source.next('b');
    await clock.advanceBy(0);
    expect(results.values.map((result) => result.operation)).toEqual(['a', 'b']);
    expect(results.completed).toBe(false);
    source.complete();
    await clock.advanceBy(0);
    expect(results.completed).toBe(true);
  });

  it('errors the stream before running anything when the policy is invalid', async () => {
    const clock = new ManualClock();
    const runner = new InstrumentedRunner(clock, () => ({}));
    const results = collect(
      new Executor({ clock }).execute('ldap', from(ops(3)), runner.run, {
        maxConcurrency: 0,
        retry: { factor: 0.5 },
      }),
    );
    await clock.runUntilIdle();
    expect(results.error).toBeInstanceOf(InvalidExecutionPolicyError);
    expect((results.error as InvalidExecutionPolicyError).issues.map((issue) => issue.key)).toEqual([
      'maxConcurrency',
      'retry.factor',
    ]);
    expect(runner.attempts).toHaveLength(0);
  });
});
