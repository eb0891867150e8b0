/** `sortOrder` of RFC 7644 §3.4.2.3. */
export type SortOrder = 'ascending' | 'descending';

/**
 * A list or search request (RFC 7644 §3.4.2 query parameters, or a §3.4.3 SearchRequest body)
 * after parsing: paging already normalised, the filter still text for the filter parser.
 */
export interface ListQuery {
  readonly filter?: string;
  readonly sortBy?: string;
  /** Set whenever `sortBy` is: RFC 7644 §3.4.2.3 makes ascending the default. */
  readonly sortOrder?: SortOrder;
  /** 1-based; at least 1. */
  readonly startIndex: number;
  /** At least 0 and at most the service's maximum. */
  readonly count: number;
  readonly attributes?: readonly string[];
  readonly excludedAttributes?: readonly string[];
}
