import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { LIST_RESPONSE_URN } from '../schema/urns.js';
import { listResponse, normalisePagination, pageOf } from './pagination.js';

const limits = { defaultCount: 50, maxCount: 200 };

describe('normalisePagination (RFC 7644 §3.4.2.4)', () => {
  it.each([
    [{}, { startIndex: 1, count: 50 }],
    [{ startIndex: 0 }, { startIndex: 1, count: 50 }],
    [{ startIndex: -7 }, { startIndex: 1, count: 50 }],
    [
      { startIndex: 11, count: 10 },
      { startIndex: 11, count: 10 },
    ],
    [{ count: 0 }, { startIndex: 1, count: 0 }],
    [{ count: -1 }, { startIndex: 1, count: 0 }],
    [{ count: 5000 }, { startIndex: 1, count: 200 }],
    [
      { startIndex: 2.9, count: 3.7 },
      { startIndex: 2, count: 3 },
    ],
    [
      { startIndex: Number.NaN, count: Number.POSITIVE_INFINITY },
      { startIndex: 1, count: 50 },
    ],
  ])('%j becomes %j', (requested, expected) => {
    expect(normalisePagination(requested, limits)).toEqual(expected);
  });

  it('caps the default count at the maximum', () => {
    expect(normalisePagination({}, { defaultCount: 500, maxCount: 100 }).count).toBe(100);
  });

  it('always yields startIndex ≥ 1 and 0 ≤ count ≤ maxCount', () => {
    fc.assert(
      fc.property(
        fc.option(fc.double(), { nil: undefined }),
        fc.option(fc.double(), { nil: undefined }),
        fc.nat(1000),
        (startIndex, count, maxCount) => {
          const page = normalisePagination({ startIndex, count }, { defaultCount: 20, maxCount });
          expect(Number.isInteger(page.startIndex) && page.startIndex >= 1).toBe(true);
          expect(Number.isInteger(page.count) && page.count >= 0 && page.count <= maxCount).toBe(true);
        },
      ),
    );
  });
});

describe('pageOf', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];
  it('selects the 1-based window', () => {
    expect(pageOf(items, { startIndex: 2, count: 2 })).toEqual(['b', 'c']);
    expect(pageOf(items, { startIndex: 4, count: 10 })).toEqual(['d', 'e']);
    expect(pageOf(items, { startIndex: 6, count: 10 })).toEqual([]);
    expect(pageOf(items, { startIndex: 1, count: 0 })).toEqual([]);
  });

  it('visits every item exactly once when a client pages through', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { maxLength: 60 }),
        fc.integer({ min: 1, max: 15 }),
        (list, size) => {
          const seen: number[] = [];
          for (let start = 1; start <= list.length; start += size)
            seen.push(...pageOf(list, { startIndex: start, count: size }));
          expect(seen).toEqual(list);
        },
      ),
    );
  });
});

describe('listResponse', () => {
  it('reports the total of all matches and the size of this page separately', () => {
    expect(listResponse([{ id: '3' }, { id: '4' }], { totalResults: 17, startIndex: 3 })).toEqual({
      schemas: [LIST_RESPONSE_URN],
      totalResults: 17,
      startIndex: 3,
      itemsPerPage: 2,
      Resources: [{ id: '3' }, { id: '4' }],
    });
  });

  it('answers count=0 with totals only', () => {
    expect(listResponse([], { totalResults: 42 })).toEqual({
      schemas: [LIST_RESPONSE_URN],
      totalResults: 42,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
  });
});
