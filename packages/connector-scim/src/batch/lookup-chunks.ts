/**
 * The longest URL a combined look-up may make. Servers and proxies commonly refuse request
 * lines over 8 KB (nginx, AWS load balancers); this leaves room for a long base URL's paging
 * parameters and anything a proxy adds.
 */
export const MAX_LOOKUP_URL_LENGTH = 6144;

/** The length `text` has once written as a query parameter value (as `URLSearchParams` does). */
export function encodedLength(text: string): number {
  return new URLSearchParams({ q: text }).toString().length - 2;
}

const SEPARATOR = ' or ';

/**
 * Splits filter clauses into groups to join with `or`: at most `maxClauses` per group, and
 * each group's encoded filter no longer than `maxFilterLength`. A clause too long to share a
 * request goes alone (it is what a single look-up would send anyway). Returns indices into
 * `clauses`, so callers can map answers back to what was asked.
 */
export function chunkClauses(
  clauses: readonly string[],
  maxClauses: number,
  maxFilterLength: number,
): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  let length = 0;
  const separator = encodedLength(SEPARATOR);
  clauses.forEach((clause, index) => {
    const size = encodedLength(clause);
    const grown = current.length === 0 ? size : length + separator + size;
    if (current.length > 0 && (current.length >= maxClauses || grown > maxFilterLength)) {
      chunks.push(current);
      current = [];
      length = size;
    } else {
      length = grown;
    }
    current.push(index);
  });
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** One filter that matches what any of `clauses` matches. `or` binds loosest, so no parentheses are needed. */
export function joinClauses(clauses: readonly string[]): string {
  return clauses.join(SEPARATOR);
}
