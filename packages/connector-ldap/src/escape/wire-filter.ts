import { AndFilter, EqualityFilter, FilterParser, NotFilter, OrFilter, type Filter } from 'ldapts';

/**
 * The filter as ldapts sends it. ldapts reads each `\hh` escape of a filter text as one
 * character and sends values as UTF-8, which is right for text but turns a binary byte such
 * as 0xe0 into two bytes. For attributes the request declares binary (AD's objectGUID), the
 * equality values go back to the bytes their escapes stand for; everything else is parsed as
 * ldapts would parse the text itself.
 */
export function toWireFilter(text: string, binaryAttributes: readonly string[] = []): string | Filter {
  const binary = new Set(binaryAttributes.map((name) => name.toLowerCase()));
  if (binary.size === 0 || ![...binary].some((name) => text.toLowerCase().includes(`(${name}=`))) return text;
  return withBinaryValues(FilterParser.parseString(text), binary);
}

function withBinaryValues(filter: Filter, binary: ReadonlySet<string>): Filter {
  if (filter instanceof AndFilter)
    return new AndFilter({ filters: filter.filters.map((inner) => withBinaryValues(inner, binary)) });
  if (filter instanceof OrFilter)
    return new OrFilter({ filters: filter.filters.map((inner) => withBinaryValues(inner, binary)) });
  if (filter instanceof NotFilter) return new NotFilter({ filter: withBinaryValues(filter.filter, binary) });
  if (
    filter instanceof EqualityFilter &&
    binary.has(filter.attribute.toLowerCase()) &&
    typeof filter.value === 'string'
  )
    // Each character is one unescaped byte (0–255), so latin1 gives the bytes back exactly.
    return new EqualityFilter({ attribute: filter.attribute, value: Buffer.from(filter.value, 'latin1') });
  return filter;
}
