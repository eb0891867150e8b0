// Public surface of the query module: list-request parsing, paging, sorting and projection.
export type { ListQuery, SortOrder } from './list-query.js';
export {
  listResponse,
  normalisePagination,
  pageOf,
  type ListResponse,
  type Pagination,
  type PaginationLimits,
} from './pagination.js';
export {
  DEFAULT_LIST_LIMITS,
  parseListQuery,
  type ListQueryParameters,
  type SearchRequestBody,
} from './parse-list-query.js';
export { compareResources, sortResources, type SortContext } from './compare-resources.js';
export { projectAttributes, type ProjectionContext, type ProjectionRequest } from './project-attributes.js';
