import type { LoggedRequest } from '@idsync/scim-target';

/**
 * The kind of a request, for counting: method and resource shape, with ids and query values
 * left out — `GET /Users?filter`, `GET /Users/{id}`, `POST /Users`, `PATCH /Users/{id}`. The
 * figures say "per user, one lookup by filter and one POST", so the kinds must not depend on
 * the user.
 */
export function requestKind(request: Pick<LoggedRequest, 'method' | 'relativePath' | 'query'>): string {
  const [, resource = '', id] = request.relativePath.split('/');
  const path = id === undefined ? `/${resource}` : `/${resource}/{id}`;
  const filtered = request.query.filter !== undefined ? '?filter' : '';
  return `${request.method} ${path}${filtered}`;
}

/** What a target received: requests by kind, answers by status, and the total. */
export interface TrafficFigures {
  readonly total: number;
  readonly byKind: Readonly<Record<string, number>>;
  /** By status; `reset` for a connection closed without an answer. */
  readonly byStatus: Readonly<Record<string, number>>;
}

const increment = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

export function classifyRequests(requests: readonly LoggedRequest[]): TrafficFigures {
  const byKind: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  for (const request of requests) {
    increment(byKind, requestKind(request));
    increment(byStatus, request.status === undefined ? 'reset' : String(request.status));
  }
  return { total: requests.length, byKind, byStatus };
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
