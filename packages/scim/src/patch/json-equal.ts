/**
 * Exact structural equality of two JSON values: same types, same strings (case included), arrays
 * in the same order, objects with the same keys in any order. Keys holding `undefined` count as
 * absent. This is the "did the representation change" test behind `changed` and the diff; the
 * schema-aware "is it the same value" test is `attributeValuesEqual`.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let leftCount = 0;
  for (const key of Object.keys(left)) {
    if (left[key] === undefined) continue;
    leftCount++;
    if (!Object.prototype.hasOwnProperty.call(right, key) || !jsonEqual(left[key], right[key])) return false;
  }
  let rightCount = 0;
  for (const key of Object.keys(right)) if (right[key] !== undefined) rightCount++;
  return leftCount === rightCount;
}

/** JSON text with object keys sorted (and `undefined` members left out): equal values, equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}

/**
 * Whether two lists hold the same values with the same counts in any order — the equality of
 * multi-valued attributes, which have no order (RFC 7643 §2.4). Linear: same-order lists are
 * recognised in one pass, others are counted by canonical text, so member lists of many
 * thousands compare quickly.
 */
export function sameElements(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  let index = 0;
  while (index < a.length && jsonEqual(a[index], b[index])) index++;
  if (index === a.length) return true;
  const counts = new Map<string, number>();
  for (let i = index; i < a.length; i++) {
    const key = canonicalJson(a[i]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (let i = index; i < b.length; i++) {
    const key = canonicalJson(b[i]);
    const count = counts.get(key);
    if (!count) return false;
    counts.set(key, count - 1);
  }
  return true;
}
