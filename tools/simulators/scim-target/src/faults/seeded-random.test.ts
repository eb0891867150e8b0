import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { seededRandom } from './seeded-random.js';

const draw = (seed: number, count: number) => {
  const next = seededRandom(seed);
  return Array.from({ length: count }, () => next());
};

describe('seededRandom', () => {
  it('repeats its sequence for the same seed and stays within [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const values = draw(seed, 50);
        expect(draw(seed, 50)).toEqual(values);
        for (const value of values) expect(value >= 0 && value < 1).toBe(true);
      }),
    );
  });

  it('gives different sequences for different seeds and spreads values over the range', () => {
    expect(draw(1, 10)).not.toEqual(draw(2, 10));
    const values = draw(7, 2_000);
    const low = values.filter((value) => value < 0.5).length;
    expect(low).toBeGreaterThan(800);
    expect(low).toBeLessThan(1_200);
  });
});
