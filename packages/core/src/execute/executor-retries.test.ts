import { describe, expect, it } from '@jest/globals';
import { from } from 'rxjs';
import type { ExecutionPolicyInput } from './execution-policy.js';
import type { ExecutionResult, FailedResult } from './execution-result.js';
import { Executor } from './executor.js';
import { ManualClock } from './manual-clock.js';
import { OperationTimeoutError } from './operation-timeout-error.js';
import { RetryableError } from './retryable-error.js';
import { collect } from './testing/collect.js';
import { httpError } from './testing/http-errors.js';
import { InstrumentedRunner, type AttemptScript } from './testing/instrumented-runner.js';

const noQuarantine = { quarantine: false } as const;

async function runAll<T>(
  operations: T[],
  script: AttemptScript<T, string>,
  policy: ExecutionPolicyInput,
  random = () => 0.5,
) {
  const clock = new ManualClock();
  const runner = new InstrumentedRunner(clock, script);
  const results = collect(
    new Executor({ clock, random }).execute('scim', from(operations), runner.run, {
      ...noQuarantine,
      ...policy,
    }),
  );
  await clock.runUntilIdle();
  expect(results.completed).toBe(true);
  return { runner, results: results.values, clock };
}

function failed<T>(result: ExecutionResult<T, unknown> | undefined): FailedResult<T> {
  if (result?.status !== 'failed') throw new Error(`expected a failed result, got ${result?.status}`);
  return result;
}

describe('Executor: retries', () => {
  it('fails a non-retryable error at once, with one attempt', async () => {
    const conflict = httpError(409, 'uniqueness: userName taken');
    const { runner, results } = await runAll(['alice'], () => ({ error: conflict }), {
      retry: { maxAttempts: 5 },
    });
    expect(runner.attempts).toHaveLength(1);
    expect(failed(results[0])).toMatchObject({
      attempts: 1,
      error: conflict,
      category: 'conflict',
      gaveUp: 'not-retryable',
    });
  });

  it('retries a transient failure until it succeeds', async () => {
    const script = (_op: string, attempt: number) =>
      attempt < 3 ? { error: httpError(503, 'unavailable') } : { result: 'created' };
    const { results } = await runAll(['alice'], script, { retry: { maxAttempts: 5 } });
    expect(results[0]).toMatchObject({ status: 'succeeded', attempts: 3, result: 'created' });
  });

  it('backs off exponentially and stops growing at maxDelayMs', async () => {
    const { runner, results } = await runAll(
      ['alice'],
      () => ({ error: httpError(502, 'bad gateway') }),
      { retry: { maxAttempts: 7, baseDelayMs: 100, factor: 2, maxDelayMs: 500, maxRetryTimeMs: 60_000 } },
      () => 0.999_999, // the top of each jitter window
    );
    const starts = runner.attempts.map((attempt) => attempt.startedAt);
    const gaps = starts.slice(1).map((start, i) => start - starts[i]!);
    expect(gaps).toEqual([99, 199, 399, 499, 499, 499]);
    expect(failed(results[0])).toMatchObject({
      attempts: 7,
      category: 'unavailable',
      gaveUp: 'attempts-exhausted',
    });
  });

  it('waits a random share of each backoff window (full jitter)', async () => {
    const draws = [0.1, 0.9, 0.5];
    const { runner } = await runAll(
      ['alice'],
      () => ({ error: httpError(500, 'oops') }),
      { retry: { maxAttempts: 4, baseDelayMs: 1000, factor: 2, maxDelayMs: 10_000 } },
      () => draws.shift() ?? 0,
    );
    expect(runner.attempts.map((attempt) => attempt.startedAt)).toEqual([
      0,
      100,
      100 + 1800,
      100 + 1800 + 2000,
    ]);
  });

  it('honours a longer Retry-After over the computed backoff', async () => {
    const script = (_op: string, attempt: number) =>
      attempt === 1 ? { error: httpError(429, 'too_many_requests', 12_000) } : { result: 'ok' };
    const { runner, results } = await runAll(['alice'], script, {
      retry: { baseDelayMs: 100, maxDelayMs: 1000 },
    });
    expect(runner.attempts.map((attempt) => attempt.startedAt)).toEqual([0, 12_000]);
    expect(results[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('pauses the whole connection on Retry-After, not just the operation that got the 429', async () => {
    const clock = new ManualClock();
    const script = (op: string, attempt: number) =>
      op === 'a' && attempt === 1
        ? { durationMs: 100, error: httpError(429, 'ratelimited', 5_000) }
        : { durationMs: 100, result: op };
    const runner = new InstrumentedRunner(clock, script);
    const results = collect(
      new Executor({ clock, random: () => 0 }).execute('slack', from(['a', 'b', 'c', 'd']), runner.run, {
        maxConcurrency: 2,
        ...noQuarantine,
      }),
    );
    await clock.runUntilIdle();
    expect(results.values.every((result) => result.status === 'succeeded')).toBe(true);
    const laterStarts = runner.attempts
      .filter((attempt) => attempt.startedAt > 0)
      .map((attempt) => attempt.startedAt);
    // b finished at 100 as a's 429 arrived: c and d waited for the pause like a's own retry.
    expect(laterStarts.length).toBe(3);
    expect(laterStarts.every((start) => start >= 5_100)).toBe(true);
  });

  it('gives up when Retry-After would outlast the total retry budget', async () => {
    const { runner, results } = await runAll(
      ['alice'],
      () => ({ error: httpError(503, 'maintenance', 10 * 60_000) }),
      {
        retry: { maxAttempts: 10, maxRetryTimeMs: 60_000 },
      },
    );
    expect(runner.attempts).toHaveLength(1);
    expect(failed(results[0])).toMatchObject({ attempts: 1, gaveUp: 'retry-time-exhausted' });
  });

  it('treats an attempt over timeoutMs as a retryable timeout and aborts its signal', async () => {
    const { runner, results } = await runAll(['alice'], () => ({ durationMs: 60_000 }), {
      timeoutMs: 1_000,
      retry: { maxAttempts: 2, baseDelayMs: 10 },
    });
    expect(runner.attempts).toHaveLength(2);
    expect(
      runner.attempts.every(
        (attempt) => attempt.outcome === 'aborted' && attempt.signal.reason instanceof OperationTimeoutError,
      ),
    ).toBe(true);
    expect(failed(results[0])).toMatchObject({
      attempts: 2,
      category: 'timeout',
      gaveUp: 'attempts-exhausted',
    });
    expect(failed(results[0]).error).toBeInstanceOf(OperationTimeoutError);
  });

  it('retries what the runner marks as RetryableError', async () => {
    const script = (_op: string, attempt: number) =>
      attempt === 1 ? { error: new RetryableError('LDAP busy (51)') } : { result: 'ok' };
    const { results } = await runAll(['cn=alice'], script, {});
    expect(results[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
  });
});

describe('Executor: failure isolation', () => {
  it('reports a failed object and carries on with the others', async () => {
    const operations = Array.from({ length: 10 }, (_, i) => `user-${i}`);
    const invalid = httpError(400, 'invalidValue: emails[0] is not an address');
    const script = (op: string) => {
      if (op === 'user-3') return { error: invalid };
      if (op === 'user-7') return { error: new TypeError('cannot read properties of undefined') };
      return { durationMs: 10, result: `${op} done` };
    };
    const { results } = await runAll(operations, script, { maxConcurrency: 3 });
    expect(results).toHaveLength(10);
    const byStatus = (status: string) =>
      results
        .filter((result) => result.status === status)
        .map((result) => result.operation)
        .sort();
    expect(byStatus('failed')).toEqual(['user-3', 'user-7']);
    expect(byStatus('succeeded')).toHaveLength(8);
    expect(results.find((result) => result.operation === 'user-3')).toMatchObject({
      error: invalid,
      category: 'invalid',
      attempts: 1,
    });
    expect(results.find((result) => result.operation === 'user-7')).toMatchObject({
      category: 'unknown',
      attempts: 1,
    });
  });
});
