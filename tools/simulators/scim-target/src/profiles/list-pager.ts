import { pageOf, ScimError, type ListQuery, type ListQueryParameters } from '@idsync/scim';

/** How a list answer pages: by index (RFC 7644) or by an opaque cursor (AWS). */
export type PageInfo =
  | { readonly kind: 'index'; readonly totalResults: number; readonly startIndex: number }
  | { readonly kind: 'cursor'; readonly nextCursor?: string };

export interface Page<T> {
  readonly resources: T[];
  readonly info: PageInfo;
}

/** The paging of a list request: the parsed query and the raw parameters (for vendor-only ones). */
export interface PageRequest {
  readonly query: ListQuery;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly maxCount: number;
}

/** Cuts the page out of all matches, as a vendor does. */
export interface ListPager {
  readonly name: string;
  page<T>(matches: readonly T[], request: PageRequest): Page<T>;
}

/** RFC 7644 §3.4.2.4: 1-based `startIndex`, `count` capped at the maximum, `totalResults` of all matches. */
export const indexPager: ListPager = {
  name: 'index',
  page(matches, request) {
    return {
      resources: pageOf(matches, request.query),
      info: { kind: 'index', totalResults: matches.length, startIndex: request.query.startIndex },
    };
  },
};

/** Reads one raw query parameter without case, as SCIM parameter names are case-insensitive. */
export function rawParameter(
  parameters: ListQueryParameters | Readonly<Record<string, unknown>>,
  name: string,
): unknown {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(parameters)) {
    if (key.toLowerCase() === lower) return Array.isArray(value) ? value.at(-1) : value;
  }
  return undefined;
}

/** A `count` outside 1..max is refused rather than clamped (AWS's documented "valid range"). */
export function strictCount(parameters: Readonly<Record<string, unknown>>, max: number): void {
  const raw = rawParameter(parameters, 'count');
  if (raw === undefined || raw === '') return;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > max) {
    throw ScimError.invalidValue(
      `Parameter "count" must be an integer from 1 to ${max}, not ${JSON.stringify(raw)}.`,
    );
  }
}
