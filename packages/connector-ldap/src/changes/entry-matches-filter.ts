import {
  AndFilter,
  EqualityFilter,
  FilterParser,
  NotFilter,
  OrFilter,
  PresenceFilter,
  SubstringFilter,
  type Filter,
} from 'ldapts';

/** Attribute values by lower-case name, e.g. read from an accesslog record's `reqOld` lines. */
export type AttributeValueMap = ReadonlyMap<string, readonly string[]>;

/** `reqOld` holds the deleted entry as `attribute: value` lines. */
export function parseEntryLines(lines: readonly string[]): AttributeValueMap {
  const values = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).replace(/^ /, '');
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return values;
}

function evaluate(filter: Filter, entry: AttributeValueMap): boolean {
  if (filter instanceof AndFilter) return filter.filters.every((inner) => evaluate(inner, entry));
  if (filter instanceof OrFilter) return filter.filters.some((inner) => evaluate(inner, entry));
  if (filter instanceof NotFilter) return !evaluate(filter.filter, entry);
  if (filter instanceof PresenceFilter) return (entry.get(filter.attribute.toLowerCase())?.length ?? 0) > 0;
  if (filter instanceof EqualityFilter) {
    const wanted = String(filter.value).toLowerCase();
    return (entry.get(filter.attribute.toLowerCase()) ?? []).some((value) => value.toLowerCase() === wanted);
  }
  if (filter instanceof SubstringFilter) {
    const parts = [filter.initial, ...filter.any, filter.final].map((part) => part.toLowerCase());
    return (entry.get(filter.attribute.toLowerCase()) ?? []).some((value) => {
      const text = value.toLowerCase();
      if (!text.startsWith(parts[0]!) || !text.endsWith(parts[parts.length - 1]!)) return false;
      let at = parts[0]!.length;
      for (const part of parts.slice(1, -1)) {
        const found = text.indexOf(part, at);
        if (found < 0) return false;
        at = found + part.length;
      }
      return at <= text.length - parts[parts.length - 1]!.length;
    });
  }
  // Ordering, approximate and extensible matches need the server's matching rules; assume a
  // match, so a delete is reported rather than lost (an unknown id is harmless to the engine).
  return true;
}

/**
 * Evaluates an LDAP filter against an entry that no longer exists on the server (a deleted
 * entry in the accesslog), case-insensitively, as the directory's usual matching rules for
 * objectClass and naming attributes do. ldapts' own `matches` handles only single values.
 */
export function entryMatchesFilter(filter: string, entry: AttributeValueMap): boolean {
  return evaluate(FilterParser.parseString(filter), entry);
}
