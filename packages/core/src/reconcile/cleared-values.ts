const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isUnset = (value: unknown): boolean => value === null || value === undefined;

/**
 * Whether an element of a multi-valued attribute stands for "no element": a mapping to
 * `emails[type eq "work"].value` that yields nothing leaves `{ type: "work", value: null }`,
 * which means the user has no work email — not a work email without an address. An element is
 * cleared when its `value` was cleared (other mapped sub-attributes such as `primary` mean
 * nothing without it), or when nothing but its `type` is left.
 */
export function isClearedElement(element: unknown): boolean {
  if (isUnset(element)) return true;
  if (!isRecord(element)) return false;
  let assigned = false;
  for (const [key, value] of Object.entries(element)) {
    const lower = key.toLowerCase();
    if (lower === 'value' && isUnset(withoutCleared(value))) return true;
    if (lower !== 'type' && withoutCleared(value) !== undefined) assigned = true;
  }
  return !assigned;
}

/**
 * A mapped value with every "clear" marker taken out: `null` members of complex values, and
 * cleared elements of lists (see `isClearedElement`). Undefined when nothing is left, so that
 * what a target is sent, or compared with, never holds an empty shell such as `{ type: "work" }`.
 */
export function withoutCleared(value: unknown): unknown {
  if (isUnset(value)) return undefined;
  if (Array.isArray(value)) {
    const kept = value
      .filter((element) => !isClearedElement(element))
      .map((element) => withoutCleared(element));
    return kept.length ? kept : undefined;
  }
  if (isRecord(value)) {
    const kept: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      const cleaned = withoutCleared(member);
      if (cleaned !== undefined) kept[key] = cleaned;
    }
    return Object.keys(kept).length ? kept : undefined;
  }
  return value;
}
