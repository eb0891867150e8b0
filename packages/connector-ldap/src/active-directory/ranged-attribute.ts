/**
 * Active Directory returns at most MaxValRange (1500 by default) values of a multi-valued
 * attribute per search. A large group's members then arrive as `member;range=0-1499`, and the
 * client asks for `member;range=1500-*` next, until a range ends in `*`.
 */
export interface ValueRange {
  /** The full attribute description the values came under, e.g. `member;range=0-1499`. */
  readonly description: string;
  /** The attribute without its range option, as the server spelled it. */
  readonly attribute: string;
  readonly start: number;
  /** The last index returned, or undefined when the range ends in `*` (no more values). */
  readonly end?: number;
}

const RANGE_OPTION = /^(.+?);range=(\d+)-(\d+|\*)$/i;

/** Reads a ranged attribute description; undefined when it carries no range option. */
export function parseRangedAttribute(description: string): ValueRange | undefined {
  const match = RANGE_OPTION.exec(description);
  if (!match) return undefined;
  const [, attribute, start, end] = match as unknown as [string, string, string, string];
  return end === '*'
    ? { description, attribute, start: Number(start) }
    : { description, attribute, start: Number(start), end: Number(end) };
}

/** The attribute description that asks for the values after `range`, or undefined when none are left. */
export function nextRangeRequest(range: ValueRange): string | undefined {
  return range.end === undefined ? undefined : `${range.attribute};range=${range.end + 1}-*`;
}

/** Finds the ranged form of `attribute` among an entry's attribute descriptions. */
export function findRange(descriptions: Iterable<string>, attribute: string): ValueRange | undefined {
  const wanted = attribute.toLowerCase();
  for (const description of descriptions) {
    const range = parseRangedAttribute(description);
    if (range && range.attribute.toLowerCase() === wanted) return range;
  }
  return undefined;
}
