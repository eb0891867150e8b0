import { describe, expect, it } from '@jest/globals';
import { ManualClock } from './manual-clock.js';
import { sleep } from './sleep.js';

describe('ManualClock', () => {
  it('fires timers in time order, ties in the order they were set, at their own virtual time', async () => {
    const clock = new ManualClock(1000);
    const fired: string[] = [];
    clock.setTimer(30, () => fired.push(`c@${clock.now()}`));
    clock.setTimer(10, () => fired.push(`a@${clock.now()}`));
    clock.setTimer(10, () => fired.push(`b@${clock.now()}`));
    await clock.advanceBy(20);
    expect(fired).toEqual(['a@1010', 'b@1010']);
    expect(clock.now()).toBe(1020);
    await clock.advanceBy(20);
    expect(fired).toEqual(['a@1010', 'b@1010', 'c@1030']);
    expect(clock.now()).toBe(1040);
  });

  it('does not fire a cancelled timer', async () => {
    const clock = new ManualClock();
    let fired = false;
    const cancel = clock.setTimer(5, () => (fired = true));
    cancel();
    await clock.runUntilIdle();
    expect(fired).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  it('lets promise chains started by one timer set the next timer before time moves on', async () => {
    const clock = new ManualClock();
    const wokeAt: number[] = [];
    void (async () => {
      for (let i = 0; i < 3; i++) {
        await sleep(clock, 100);
        wokeAt.push(clock.now());
      }
    })();
    await clock.advanceBy(1000);
    expect(wokeAt).toEqual([100, 200, 300]);
  });

  it('runUntilIdle jumps straight to each pending timer', async () => {
    const clock = new ManualClock();
    let doneAt: number | undefined;
    void sleep(clock, 5_000)
      .then(() => sleep(clock, 2_500))
      .then(() => (doneAt = clock.now()));
    await clock.runUntilIdle();
    expect(doneAt).toBe(7_500);
  });

  it('runUntilIdle refuses to spin forever', async () => {
    const clock = new ManualClock();
    const again = () => clock.setTimer(1, again);
    again();
    await expect(clock.runUntilIdle(50)).rejects.toThrow(/still busy after 50 timers/);
  });
});

describe('sleep', () => {
  it('rejects with the abort reason and cancels its timer', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const slept = sleep(clock, 1000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(slept).rejects.toThrow('stop');
    expect(clock.pendingTimers).toBe(0);
  });
});
