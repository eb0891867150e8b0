import { describe, expect, it } from '@jest/globals';
import { from } from 'rxjs';
import type { ConnectionHealth } from './connection-health.js';
import { ConnectionQuarantinedError } from './connection-quarantined-error.js';
import type { ExecutionPolicyInput } from './execution-policy.js';
import { Executor } from './executor.js';
import { ManualClock } from './manual-clock.js';
import { collect } from './testing/collect.js';
import { httpError } from './testing/http-errors.js';
import { InstrumentedRunner, type AttemptScript } from './testing/instrumented-runner.js';

const ops = (count: number, prefix = 'user') => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
const unauthorized = httpError(401, 'invalid_authentication');

function setUp() {
  const clock = new ManualClock(1_000_000);
  const executor = new Executor({ clock, random: () => 0.5 });
  const changes: ConnectionHealth[] = [];
  executor.healthChanges$.subscribe((health) => changes.push(health));
  return { clock, executor, changes };
}

async function run(
  context: ReturnType<typeof setUp>,
  operations: string[],
  script: AttemptScript<string, string>,
  policy: ExecutionPolicyInput,
) {
  const runner = new InstrumentedRunner(context.clock, script);
  const results = collect(context.executor.execute('slack', from(operations), runner.run, policy));
  await context.clock.runUntilIdle();
  expect(results.completed).toBe(true);
  return { runner, results: results.values };
}

const tripAfterThree = {
  maxConcurrency: 1,
  retry: { maxAttempts: 1 },
  quarantine: { failureThreshold: 3, coolDownMs: 60_000 },
};

describe('Executor: quarantine', () => {
  it('trips after K consecutive auth failures and reports the rest as skipped with the reason', async () => {
    const context = setUp();
    const { runner, results } = await run(context, ops(10), () => ({ error: unauthorized }), tripAfterThree);
    expect(runner.attempts).toHaveLength(3);
    expect(results).toHaveLength(10);
    expect(results.map((result) => result.status)).toEqual([
      ...Array(3).fill('failed'),
      ...Array(7).fill('skipped'),
    ]);
    for (const result of results.slice(3)) {
      if (result.status !== 'skipped') throw new Error('expected skipped');
      expect(result.attempts).toBe(0);
      expect(result.error).toBeInstanceOf(ConnectionQuarantinedError);
      expect(result.quarantine).toMatchObject({
        connectionId: 'slack',
        lastError: unauthorized,
        category: 'unauthorized',
      });
      expect(result.error.message).toMatch(
        /connection "slack" is quarantined .* 3 operations in a row failed/,
      );
    }
    expect(context.executor.health('slack').state).toBe('quarantined');
    expect(context.changes.map((health) => health.state)).toEqual(['quarantined']);
  });

  it('counts persistent 5xx (after their retries) but not object-level failures', async () => {
    const context = setUp();
    const script = (op: string) =>
      op.endsWith('-2') ? { error: httpError(409, 'username_taken') } : { error: httpError(503, 'down') };
    const { runner, results } = await run(context, ops(6), script, {
      maxConcurrency: 1,
      retry: { maxAttempts: 2, baseDelayMs: 10 },
      quarantine: { failureThreshold: 3, coolDownMs: 60_000 },
    });
    // 0, 1 fail (503, twice each), 2 conflicts and resets, 3, 4, 5 fail → trips on the last one.
    expect(results.map((result) => result.status)).toEqual(Array(6).fill('failed'));
    expect(runner.attempts).toHaveLength(11);
    expect(context.executor.health('slack').state).toBe('quarantined');
  });

  it('stops retrying an operation whose connection was quarantined while it waited', async () => {
    const context = setUp();
    const script = (op: string) =>
      op === 'slow-retry' ? { error: httpError(503, 'down') } : { durationMs: 10, error: unauthorized };
    const { runner, results } = await run(context, ['slow-retry', 'a', 'b', 'c', 'd'], script, {
      maxConcurrency: 3,
      retry: { maxAttempts: 5, baseDelayMs: 1000 },
      quarantine: { failureThreshold: 2, coolDownMs: 60_000 },
    });
    expect(runner.attemptsOf('slow-retry')).toHaveLength(1);
    expect(results.find((result) => result.operation === 'slow-retry')).toMatchObject({
      status: 'failed',
      attempts: 1,
      gaveUp: 'quarantined',
    });
    // a and b trip it at t=10; c took a's slot just before b's failure landed, d came after.
    expect(results.find((result) => result.operation === 'd')).toMatchObject({ status: 'skipped' });
  });

  it('lifts the quarantine after the cool-down when the probe succeeds, then runs the operations', async () => {
    const context = setUp();
    let probes = 0;
    const probe = async () => {
      probes++;
    };
    const policy = { ...tripAfterThree, quarantine: { ...tripAfterThree.quarantine, probe } };
    await run(context, ops(5), () => ({ error: unauthorized }), policy);
    await context.clock.advanceBy(60_000);
    const { runner, results } = await run(context, ops(4, 'next'), () => ({ result: 'ok' }), policy);
    expect(probes).toBe(1);
    expect(runner.attempts).toHaveLength(4);
    expect(results.every((result) => result.status === 'succeeded')).toBe(true);
    expect(context.changes.map((health) => health.state)).toEqual(['quarantined', 'probing', 'healthy']);
  });

  it('stays quarantined when the probe fails, skipping everything, and probes again only after a new cool-down', async () => {
    const context = setUp();
    let probes = 0;
    const probe = async () => {
      probes++;
      throw httpError(401, 'token_revoked');
    };
    const policy = { ...tripAfterThree, quarantine: { ...tripAfterThree.quarantine, probe } };
    await run(context, ops(3), () => ({ error: unauthorized }), policy);
    await context.clock.advanceBy(60_000);
    const second = await run(context, ops(4, 'next'), () => ({ result: 'ok' }), policy);
    expect(probes).toBe(1);
    expect(second.runner.attempts).toHaveLength(0);
    expect(second.results.map((result) => result.status)).toEqual(Array(4).fill('skipped'));
    const health = context.executor.health('slack');
    expect(health.state === 'quarantined' && health.quarantine).toMatchObject({
      since: 1_060_000,
      probeAfter: 1_120_000,
    });
    await context.clock.advanceBy(30_000);
    await run(context, ops(1, 'third'), () => ({ result: 'ok' }), policy);
    expect(probes).toBe(1);
  });

  it('without a probe callback, lets the first operation after the cool-down decide', async () => {
    const context = setUp();
    await run(context, ops(3), () => ({ error: unauthorized }), tripAfterThree);
    await context.clock.advanceBy(60_000);
    const { runner, results } = await run(context, ops(3, 'next'), () => ({ durationMs: 5, result: 'ok' }), {
      ...tripAfterThree,
      maxConcurrency: 3,
    });
    expect(results.every((result) => result.status === 'succeeded')).toBe(true);
    // The probe ran alone; the others started only once it had succeeded.
    expect(runner.attempts.map((attempt) => attempt.startedAt - 1_060_000)).toEqual([0, 5, 5]);
    expect(context.executor.health('slack').state).toBe('healthy');
  });

  it('can be lifted by an operator before the cool-down ends', async () => {
    const context = setUp();
    await run(context, ops(3), () => ({ error: unauthorized }), tripAfterThree);
    context.executor.liftQuarantine('slack');
    const { results } = await run(context, ops(2, 'next'), () => ({ result: 'ok' }), tripAfterThree);
    expect(results.every((result) => result.status === 'succeeded')).toBe(true);
  });

  it('keeps a quarantine to its own connection', async () => {
    const context = setUp();
    await run(context, ops(3), () => ({ error: unauthorized }), tripAfterThree);
    const runner = new InstrumentedRunner(context.clock, () => ({ result: 'ok' }));
    const other = collect(context.executor.execute('github', from(ops(2)), runner.run, tripAfterThree));
    await context.clock.runUntilIdle();
    expect(other.values.every((result) => result.status === 'succeeded')).toBe(true);
    expect(context.executor.health('github').state).toBe('healthy');
  });
});
