import { ScimError } from '../errors/scim-error.js';
import { getCaseInsensitive } from '../resource/case-insensitive.js';
import { splitAttributePath } from '../schema/attribute-path.js';
import { SEARCH_REQUEST_URN } from '../schema/urns.js';
import type { ListQuery, SortOrder } from './list-query.js';
import { normalisePagination, type PaginationLimits } from './pagination.js';

/**
 * The query string of a GET on a resource endpoint: what a router hands over (`string`, or
 * `string[]` for a repeated parameter), or `URLSearchParams`.
 */
export type ListQueryParameters =
  URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>;

/** A SearchRequest body (RFC 7644 §3.4.3), as the client sent it. */
export interface SearchRequestBody {
  readonly schemas?: readonly string[];
  readonly filter?: string;
  readonly sortBy?: string;
  readonly sortOrder?: string;
  readonly startIndex?: number;
  readonly count?: number;
  readonly attributes?: readonly string[];
  readonly excludedAttributes?: readonly string[];
}

/** Paging defaults when the caller gives none; a server passes its own. */
export const DEFAULT_LIST_LIMITS: PaginationLimits = { defaultCount: 100, maxCount: 1000 };

const invalid = (parameter: string, detail: string) =>
  ScimError.invalidValue(`Parameter "${parameter}" ${detail}`);

/** One parameter's raw value: undefined, or a single value (a repeated scalar is an error). */
function scalar(source: Readonly<Record<string, unknown>>, name: string): unknown {
  const value = getCaseInsensitive(source, name);
  if (!Array.isArray(value)) return value;
  const distinct = [...new Set(value)];
  if (distinct.length > 1)
    throw invalid(name, `is given ${distinct.length} times with different values; give it once.`);
  return distinct[0];
}

function text(source: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = scalar(source, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(name, `must be a string, not ${JSON.stringify(value)}.`);
  return value.trim() === '' ? undefined : value;
}

/** An integer from a number or a decimal string such as "10" or "-1"; anything else is an error. */
function integer(source: Readonly<Record<string, unknown>>, name: string): number | undefined {
  const value = scalar(source, name);
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    throw invalid(name, `must be an integer, not ${JSON.stringify(value)}.`);
  }
  return number;
}

function sortOrder(source: Readonly<Record<string, unknown>>): SortOrder | undefined {
  const value = text(source, 'sortOrder');
  if (value === undefined) return undefined;
  const lower = value.trim().toLowerCase();
  if (lower === 'ascending' || lower === 'descending') return lower;
  throw invalid('sortOrder', `must be "ascending" or "descending", not ${JSON.stringify(value)}.`);
}

/** `attributes` / `excludedAttributes`: comma-separated text, a list, or repeated parameters. */
function attributeList(source: Readonly<Record<string, unknown>>, name: string): string[] | undefined {
  const value = getCaseInsensitive(source, name);
  if (value === undefined || value === null) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((item: unknown) => {
    if (typeof item !== 'string')
      throw invalid(name, `must list attribute names as strings, not ${JSON.stringify(item)}.`);
    return item.split(',');
  });
  const names = parts.map((part) => part.trim()).filter((part) => part !== '');
  for (const attribute of names) {
    if (!splitAttributePath(attribute)) {
      throw invalid(name, `holds "${attribute}", which is not an attribute name such as "name.givenName".`);
    }
  }
  return names.length > 0 ? names : undefined;
}

function toRecord(input: ListQueryParameters | SearchRequestBody): Readonly<Record<string, unknown>> {
  if (input instanceof URLSearchParams) {
    const record: Record<string, string[]> = {};
    for (const [key, value] of input) (record[key] ??= []).push(value);
    return record;
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw ScimError.invalidSyntax(
      'A list query must be the query parameters or a SearchRequest JSON object.',
    );
  }
  return input as Readonly<Record<string, unknown>>;
}

/**
 * Reads a list request — the query parameters of a GET (RFC 7644 §3.4.2) or the body of a POST
 * to `.search` (§3.4.3) — into a `ListQuery`. Both forms go through the same reader, which takes
 * numbers as numbers or decimal strings and attribute lists as arrays or comma-separated text;
 * parameter names are matched without case. Problems are `invalidValue` errors naming the
 * parameter: a count of "abc", a sortOrder of "up", both `attributes` and `excludedAttributes`,
 * a SearchRequest whose `schemas` lacks the SearchRequest URN. The filter stays text: the filter
 * parser judges it. Paging is normalised with `limits` (see `normalisePagination`).
 */
export function parseListQuery(
  input: ListQueryParameters | SearchRequestBody,
  limits: PaginationLimits = DEFAULT_LIST_LIMITS,
): ListQuery {
  const source = toRecord(input);
  const schemas = getCaseInsensitive(source, 'schemas');
  // A body without `schemas` is accepted (clients omit it); one with other schemas is not a search.
  const searchUrn = SEARCH_REQUEST_URN.toLowerCase();
  if (
    schemas !== undefined &&
    !(Array.isArray(schemas) && schemas.some((s) => String(s).toLowerCase() === searchUrn))
  ) {
    throw invalid('schemas', `must be a list holding "${SEARCH_REQUEST_URN}".`);
  }
  const filter = text(source, 'filter');
  const sortBy = text(source, 'sortBy')?.trim();
  if (sortBy !== undefined && !splitAttributePath(sortBy)) {
    throw invalid(
      'sortBy',
      `holds ${JSON.stringify(sortBy)}, which is not an attribute name such as "name.familyName".`,
    );
  }
  const order = sortOrder(source) ?? (sortBy !== undefined ? 'ascending' : undefined);
  const attributes = attributeList(source, 'attributes');
  const excludedAttributes = attributeList(source, 'excludedAttributes');
  if (attributes && excludedAttributes) {
    throw ScimError.invalidValue(
      'Parameters "attributes" and "excludedAttributes" were both given; send one of them (RFC 7644 §3.4.2.5).',
    );
  }
  const page = normalisePagination(
    { startIndex: integer(source, 'startIndex'), count: integer(source, 'count') },
    limits,
  );
  return {
    ...(filter !== undefined ? { filter } : {}),
    ...(sortBy !== undefined ? { sortBy } : {}),
    ...(order !== undefined ? { sortOrder: order } : {}),
    startIndex: page.startIndex,
    count: page.count,
    ...(attributes ? { attributes } : {}),
    ...(excludedAttributes ? { excludedAttributes } : {}),
  };
}
