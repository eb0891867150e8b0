import { LIST_RESPONSE_URN } from '../schema/urns.js';

export interface PaginationLimits {
  /** `count` when the client sends none. */
  readonly defaultCount: number;
  /** The most resources one page may hold (the ServiceProviderConfig `filter.maxResults`). */
  readonly maxCount: number;
}

export interface Pagination {
  readonly startIndex: number;
  readonly count: number;
}

/**
 * Applies the paging rules of RFC 7644 §3.4.2.4: a `startIndex` below 1 means 1, a negative
 * `count` means 0 (only `totalResults` is wanted), and `count` is capped at the service's
 * maximum. Fractions are cut to whole numbers; a missing or non-finite value takes the default.
 */
export function normalisePagination(
  requested: { readonly startIndex?: number; readonly count?: number },
  limits: PaginationLimits,
): Pagination {
  const maxCount = Math.max(0, Math.floor(limits.maxCount));
  const finite = (value: number | undefined): value is number =>
    typeof value === 'number' && Number.isFinite(value);
  const startIndex = finite(requested.startIndex) ? Math.max(1, Math.floor(requested.startIndex)) : 1;
  const wanted = finite(requested.count) ? Math.floor(requested.count) : Math.floor(limits.defaultCount);
  return { startIndex, count: Math.min(Math.max(0, wanted), maxCount) };
}

/** The page of an in-memory, already filtered and sorted list that a `Pagination` selects. */
export function pageOf<T>(items: readonly T[], pagination: Pagination): T[] {
  const from = pagination.startIndex - 1;
  return items.slice(from, from + pagination.count);
}

/** The ListResponse message of RFC 7644 §3.4.2. */
export interface ListResponse<T> {
  readonly schemas: [typeof LIST_RESPONSE_URN];
  /** All matches of the query, not the size of this page. */
  readonly totalResults: number;
  readonly startIndex: number;
  readonly itemsPerPage: number;
  readonly Resources: T[];
}

/**
 * Builds a ListResponse for one page. `totalResults` must be the count of every match: a
 * frequent bug elsewhere is to send the page size, which makes clients stop paging early.
 * `itemsPerPage` is the number of resources actually in this page.
 */
export function listResponse<T>(
  resources: readonly T[],
  page: { readonly totalResults: number; readonly startIndex?: number },
): ListResponse<T> {
  return {
    schemas: [LIST_RESPONSE_URN],
    totalResults: page.totalResults,
    startIndex: page.startIndex ?? 1,
    itemsPerPage: resources.length,
    Resources: [...resources],
  };
}
