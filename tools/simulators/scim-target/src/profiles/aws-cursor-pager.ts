import { ScimError } from '@idsync/scim';
import { rawParameter, strictCount, type ListPager } from './list-pager.js';

const CURSOR_PREFIX = 'offset:';

function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number {
  if (cursor === '') return 0;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : Number.NaN;
  if (!Number.isInteger(offset) || offset < 0) {
    throw ScimError.invalidValue(
      `Parameter "cursor" holds ${JSON.stringify(cursor)}, which is not a cursor this service issued.`,
    );
  }
  return offset;
}

/**
 * AWS IAM Identity Center's paging (ListUsers / ListGroups): `count` must be 1–100, `startIndex`
 * is not supported and ignored — every non-cursor request starts at the first match — and a
 * `cursor` parameter (empty for the first page) switches the answer to cursor form, with
 * `itemsPerPage` and `nextCursor` instead of `totalResults` and `startIndex`. A client that
 * pages AWS by `startIndex` therefore gets the first page again and again.
 */
export const awsCursorPager: ListPager = {
  name: 'aws-cursor',
  page(matches, request) {
    strictCount(request.parameters, request.maxCount);
    const count = request.query.count;
    const cursor = rawParameter(request.parameters, 'cursor');
    if (cursor === undefined) {
      return {
        resources: matches.slice(0, count),
        info: { kind: 'index', totalResults: matches.length, startIndex: 1 },
      };
    }
    const offset = decodeCursor(String(cursor));
    const resources = matches.slice(offset, offset + count);
    const next = offset + resources.length;
    return {
      resources,
      info: { kind: 'cursor', ...(next < matches.length ? { nextCursor: encodeCursor(next) } : {}) },
    };
  },
};
