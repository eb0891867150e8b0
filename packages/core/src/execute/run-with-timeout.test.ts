import { describe, expect, it } from '@jest/globals';
import { ManualClock } from './manual-clock.js';
import { OperationTimeoutError } from './operation-timeout-error.js';
import { runWithTimeout } from './run-with-timeout.js';
import { sleep } from './sleep.js';

describe('runWithTimeout', () => {
  it('returns what the work returns when it finishes in time, leaving no timer behind', async () => {
    const clock = new ManualClock();
    const result = runWithTimeout((signal) => sleep(clock, 50, signal).then(() => 'done'), {
      clock,
      signal: new AbortController().signal,
      timeoutMs: 100,
    });
    await clock.advanceBy(50);
    await expect(result).resolves.toBe('done');
    expect(clock.pendingTimers).toBe(0);
  });

  it('aborts the work with an OperationTimeoutError and rejects with it when time runs out', async () => {
    const clock = new ManualClock();
    let seen: AbortSignal | undefined;
    const result = runWithTimeout(
      (signal) => {
        seen = signal;
        return new Promise<never>(() => {}); // ignores its signal entirely
      },
      { clock, signal: new AbortController().signal, timeoutMs: 100 },
    );
    const outcome = expect(result).rejects.toBeInstanceOf(OperationTimeoutError);
    await clock.advanceBy(100);
    await outcome;
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBeInstanceOf(OperationTimeoutError);
  });

  it('passes the caller abort through to the work and rejects with its reason', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const result = runWithTimeout(
      (signal) => {
        seen = signal;
        return sleep(clock, 10_000, signal);
      },
      { clock, signal: controller.signal, timeoutMs: 60_000 },
    );
    await clock.settle();
    controller.abort(new Error('unsubscribed'));
    await expect(result).rejects.toThrow('unsubscribed');
    expect(seen?.aborted).toBe(true);
  });

  it('runs without a limit when no timeout is given', async () => {
    const clock = new ManualClock();
    const result = runWithTimeout((signal) => sleep(clock, 10_000_000, signal).then(() => 1), {
      clock,
      signal: new AbortController().signal,
    });
    await clock.runUntilIdle();
    await expect(result).resolves.toBe(1);
  });

  it('turns a synchronous throw into a rejection', async () => {
    const clock = new ManualClock();
    const result = runWithTimeout(
      () => {
        throw new Error('bad input');
      },
      { clock, signal: new AbortController().signal, timeoutMs: 10 },
    );
    await expect(result).rejects.toThrow('bad input');
  });
});
