import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { ListQuery } from '@idsync/scim';
import { awsCursorPager } from './aws-cursor-pager.js';

const request = (count: number, parameters: Record<string, unknown>) => ({
  query: { startIndex: 1, count } satisfies ListQuery,
  parameters: { count: String(count), ...parameters },
  maxCount: 100,
});

describe('awsCursorPager', () => {
  it('visits every match exactly once by following nextCursor, for any list and page size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { maxLength: 60 }),
        fc.integer({ min: 1, max: 100 }),
        (items, count) => {
          const seen: number[] = [];
          let cursor = '';
          for (let pages = 0; pages <= items.length + 1; pages++) {
            const page = awsCursorPager.page(items, request(count, { cursor }));
            expect(page.info.kind).toBe('cursor');
            seen.push(...page.resources);
            if (page.info.kind !== 'cursor' || page.info.nextCursor === undefined) break;
            cursor = page.info.nextCursor;
          }
          expect(seen).toEqual(items);
        },
      ),
    );
  });

  it('without a cursor serves the first page with totalResults, whatever startIndex says', () => {
    const page = awsCursorPager.page([1, 2, 3, 4], {
      ...request(2, { startIndex: '3' }),
      query: { startIndex: 3, count: 2 },
    });
    expect(page).toEqual({ resources: [1, 2], info: { kind: 'index', totalResults: 4, startIndex: 1 } });
  });
});
