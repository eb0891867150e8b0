import { parseFilter, type FilterNode } from '@idsync/scim';
import type { LoggedRequest } from '@idsync/scim-target';

/** The kind of a filtered GET that combines several look-ups (`id eq "a" or id eq "b" …`). */
export const BATCHED_LOOKUP = '?filter=…or…';

function orClauses(filter: FilterNode): number {
  return filter.kind === 'or' ? orClauses(filter.left) + orClauses(filter.right) : 1;
}

/**
 * How many look-ups a filter carries: the clauses joined by a top-level `or` (a batched
 * look-up of 50 ids carries 50), 1 for any other filter, and 1 for one the bench cannot parse.
 */
export function lookupsInFilter(filter: string): number {
  try {
    return orClauses(parseFilter(filter));
  } catch {
    return 1;
  }
}

/**
 * The kind of a request, for counting: method and resource shape, with ids and query values
 * left out — `GET /Users?filter`, `GET /Users?filter=…or…` (several look-ups in one request),
 * `GET /Users/{id}`, `POST /Users`, `PATCH /Users/{id}`. The figures say "per user, one lookup
 * by filter and one POST", so the kinds must not depend on the user.
 */
export function requestKind(request: Pick<LoggedRequest, 'method' | 'relativePath' | 'query'>): string {
  const [, resource = '', id] = request.relativePath.split('/');
  const path = id === undefined ? `/${resource}` : `/${resource}/{id}`;
  const filter = request.query.filter;
  const filtered = filter === undefined ? '' : lookupsInFilter(filter) > 1 ? BATCHED_LOOKUP : '?filter';
  return `${request.method} ${path}${filtered}`;
}

/**
 * The objects a look-up request asked for: each clause of a filtered GET, one for a GET by id
 * (below a resource endpoint), none for anything else. Summed per kind, it says whether every
 * user was looked up once, however the look-ups were batched.
 */
export function lookupsOf(request: Pick<LoggedRequest, 'method' | 'relativePath' | 'query'>): number {
  if (request.method !== 'GET') return 0;
  if (request.query.filter !== undefined) return lookupsInFilter(request.query.filter);
  const [, resource = '', id] = request.relativePath.split('/');
  return id !== undefined && /^(users|groups)$/i.test(resource) ? 1 : 0;
}

/** What a target received: requests by kind, answers by status, and the total. */
export interface TrafficFigures {
  readonly total: number;
  readonly byKind: Readonly<Record<string, number>>;
  /** Objects asked for by the look-up requests of each kind (see `lookupsOf`); a batched kind carries many per request. */
  readonly lookupsByKind: Readonly<Record<string, number>>;
  /** By status; `reset` for a connection closed without an answer. */
  readonly byStatus: Readonly<Record<string, number>>;
}

const increment = (counts: Record<string, number>, key: string, by = 1): void => {
  counts[key] = (counts[key] ?? 0) + by;
};

export function classifyRequests(requests: readonly LoggedRequest[]): TrafficFigures {
  const byKind: Record<string, number> = {};
  const lookupsByKind: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  for (const request of requests) {
    const kind = requestKind(request);
    increment(byKind, kind);
    const lookups = lookupsOf(request);
    if (lookups > 0) increment(lookupsByKind, kind, lookups);
    increment(byStatus, request.status === undefined ? 'reset' : String(request.status));
  }
  return { total: requests.length, byKind, lookupsByKind, byStatus };
}

/** Requests per object: the total, and each kind, divided by `objects` (3 decimals). */
export function perObject(
  traffic: TrafficFigures,
  objects: number,
): { total: number; byKind: Record<string, number> } {
  const ratio = (count: number) => (objects > 0 ? Math.round((count / objects) * 1000) / 1000 : 0);
  return {
    total: ratio(traffic.total),
    byKind: Object.fromEntries(Object.entries(traffic.byKind).map(([kind, count]) => [kind, ratio(count)])),
  };
}
