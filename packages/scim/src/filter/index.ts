// Public surface of the filter module (the AST types are exported by the package index from filter-ast.ts).
export { parseFilter } from './parse-filter.js';
export { parsePatchPath } from './parse-patch-path.js';
export {
  DEFAULT_MAX_FILTER_DEPTH,
  DEFAULT_MAX_FILTER_LENGTH,
  type FilterParseOptions,
} from './filter-parser.js';
export { FilterSyntaxError } from './filter-syntax-error.js';
export { formatFilter, formatFilterLiteral, formatPatchPath } from './format-filter.js';
export { fillFilterTemplate, type FilterTemplateValue } from './fill-filter-template.js';
export * as filterBuilders from './filter-builders.js';
export {
  compileElementFilter,
  compileFilter,
  matchesElement,
  matchesFilter,
  type FilterContext,
  type FilterPredicate,
} from './compile-filter.js';
export { compareInstants, parseInstant, type Instant } from './date-time-instant.js';
