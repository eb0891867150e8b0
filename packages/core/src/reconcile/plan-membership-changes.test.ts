import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { chunk, planMembershipChanges } from './plan-membership-changes.js';

describe('planMembershipChanges', () => {
  const state = { desired: ['a', 'b', 'c'], actual: ['b', 'x', 'y'], addedByIdsync: ['b', 'x'] };

  it('overwrite makes the remote group equal to the hub group', () => {
    expect(planMembershipChanges('overwrite', state)).toEqual({ add: ['a', 'c'], remove: ['x', 'y'] });
  });

  it('merge removes only members idsync added, never ones added outside idsync', () => {
    expect(planMembershipChanges('merge', state)).toEqual({ add: ['a', 'c'], remove: ['x'] });
  });

  it('applying the changes converges (property)', () => {
    const ids = fc.uniqueArray(fc.constantFrom<string>('a', 'b', 'c', 'd', 'e', 'f', 'g'));
    fc.assert(
      fc.property(
        ids,
        ids,
        ids,
        fc.constantFrom('merge' as const, 'overwrite' as const),
        (desired, actual, ours, mode) => {
          const { add, remove } = planMembershipChanges(mode, { desired, actual, addedByIdsync: ours });
          const after = new Set(actual);
          add.forEach((id) => after.add(id));
          remove.forEach((id) => after.delete(id));
          // Every desired member is present afterwards.
          for (const id of desired) expect(after.has(id)).toBe(true);
          if (mode === 'overwrite') expect([...after].sort()).toEqual([...desired].sort());
          // Merge keeps every member that idsync did not add.
          if (mode === 'merge')
            for (const id of actual) if (!ours.includes(id)) expect(after.has(id)).toBe(true);
          // A second plan on the result has nothing left to do.
          expect(planMembershipChanges(mode, { desired, actual: after, addedByIdsync: ours }).add).toEqual(
            [],
          );
        },
      ),
    );
  });
});

describe('chunk', () => {
  it('splits into chunks of at most the given size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 100)).toEqual([]);
  });

  it('refuses a size below one', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});
