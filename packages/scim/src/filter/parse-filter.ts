import type { FilterNode } from './filter-ast.js';
import { FilterParser, type FilterParseOptions } from './filter-parser.js';

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2) into its AST. Operators and `and`/`or`/`not` are
 * case-insensitive and returned lower-cased; attribute names keep their spelling (they are
 * matched case-insensitively later). Throws a `FilterSyntaxError` (400 `invalidFilter`) whose
 * detail gives the reason, the 1-based position and a caret excerpt of the filter.
 */
export function parseFilter(text: string, options?: FilterParseOptions): FilterNode {
  const parser = new FilterParser(text, 'invalidFilter', options);
  const filter = parser.parseExpression();
  parser.expectEnd('"and", "or"');
  return filter;
}
