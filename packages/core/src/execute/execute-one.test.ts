import { describe, expect, it } from '@jest/globals';
import { ConnectionQuarantinedError } from './connection-quarantined-error.js';
import { executeOne } from './execute-one.js';
import { Executor } from './executor.js';
import { ManualClock } from './manual-clock.js';
import { httpError } from './testing/http-errors.js';

describe('executeOne', () => {
  it('answers with the result of a call that succeeds after a 429 with Retry-After, made after the wait', async () => {
    const clock = new ManualClock();
    const startedAt: number[] = [];
    const answer = executeOne(
      new Executor({ clock, random: () => 0 }),
      'scim',
      async () => {
        startedAt.push(clock.now());
        if (startedAt.length === 1) throw httpError(429, 'Too Many Requests', 2_000);
        return 'the object';
      },
      { quarantine: false },
    );
    await clock.runUntilIdle();
    await expect(answer).resolves.toBe('the object');
    expect(startedAt).toEqual([0, 2_000]);
  });

  it('rejects with the last error once retries are exhausted', async () => {
    const clock = new ManualClock();
    let attempts = 0;
    const answer = executeOne(
      new Executor({ clock, random: () => 0 }),
      'scim',
      async () => {
        attempts++;
        throw httpError(503, `outage ${attempts}`);
      },
      { retry: { maxAttempts: 3 }, quarantine: false },
    );
    const settled = answer.catch((error: unknown) => error);
    await clock.runUntilIdle();
    expect(await settled).toMatchObject({ message: '503 outage 3', status: 503 });
    expect(attempts).toBe(3);
  });

  it('rejects at once, without calling the store, when the connection is quarantined', async () => {
    const clock = new ManualClock();
    const executor = new Executor({ clock, random: () => 0 });
    const policy = { retry: { maxAttempts: 1 }, quarantine: { failureThreshold: 1, coolDownMs: 60_000 } };
    const failing = executeOne(executor, 'ldap', () => Promise.reject(httpError(503, 'down')), policy).catch(
      (e: unknown) => e,
    );
    await clock.runUntilIdle();
    await failing;
    let called = false;
    const skipped = executeOne(
      executor,
      'ldap',
      async () => {
        called = true;
        return 'never';
      },
      policy,
    ).catch((error: unknown) => error);
    await clock.settle();
    expect(await skipped).toBeInstanceOf(ConnectionQuarantinedError);
    expect(called).toBe(false);
  });
});
