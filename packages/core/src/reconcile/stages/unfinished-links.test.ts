import { describe, expect, it } from '@jest/globals';
import { retryDelayMs } from './unfinished-links.js';

describe('retryDelayMs', () => {
  it('waits a minute after the first failure and doubles with each further one', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
  });

  it('never waits more than an hour, however often the object failed', () => {
    expect(retryDelayMs(7)).toBe(3_600_000);
    expect(retryDelayMs(500)).toBe(3_600_000);
  });

  it('treats a link without attempts like a first failure', () => {
    expect(retryDelayMs(0)).toBe(60_000);
  });
});
