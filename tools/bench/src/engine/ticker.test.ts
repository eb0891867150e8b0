import { describe, expect, it } from '@jest/globals';
import { Ticker } from './ticker.js';

describe('Ticker', () => {
  it('runs a task on the first tick once its period has passed, then waits a full period again', () => {
    let clock = 0;
    const ticker = new Ticker(() => clock);
    const runs: number[] = [];
    const stop = ticker.every(100, () => runs.push(clock));

    for (clock = 0; clock <= 350; clock += 50) ticker.tick();
    expect(runs).toEqual([100, 200, 300]);

    stop();
    clock = 1000;
    ticker.tick();
    expect(runs).toEqual([100, 200, 300]);
  });

  it('keeps periodic work going inside a chain of microtasks, where timers cannot fire', async () => {
    // The shape of a run on PGlite: every store call resolves without the event loop turning.
    let clock = 0;
    const ticker = new Ticker(() => clock);
    let timerFired = false;
    const timer = setTimeout(() => (timerFired = true), 0);
    let runs = 0;
    const stop = ticker.every(10, () => runs++);
    for (let call = 0; call < 100; call++) {
      await Promise.resolve();
      clock += 1;
      ticker.tick();
    }
    stop();
    clearTimeout(timer);
    expect(timerFired).toBe(false);
    expect(runs).toBe(10);
  });
});
