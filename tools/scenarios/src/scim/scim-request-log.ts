import type { LoggedRequest, ScimTarget } from '@idsync/scim-target';

/** A request as a short line, `POST /Users 201`, for assertions that read like the traffic. */
export function requestLine(request: LoggedRequest): string {
  return `${request.method} ${request.relativePath.replace(/\/[0-9a-f-]{36}$/i, '/{id}')} ${request.status ?? 'reset'}`;
}

/** Every request the target received since its log was last cleared, as lines. */
export function trafficOf(simulator: ScimTarget): string[] {
  return simulator.requests.all().map(requestLine);
}

/**
 * Requests that change the target (anything but GET), as lines. Discovery and reads are
 * left out, so tests can say "this run wrote nothing" or "exactly this PATCH".
 */
export function writesOf(simulator: ScimTarget): string[] {
  return simulator.requests
    .all()
    .filter((request) => request.method !== 'GET')
    .map(requestLine);
}

/** The bodies of the successful POSTs to `path` (`/Users`, `/Groups`). */
export function createdBodies(simulator: ScimTarget, path: '/Users' | '/Groups'): Record<string, unknown>[] {
  return simulator.requests
    .matching({ method: 'POST', path })
    .filter((request) => request.status !== undefined && request.status < 300)
    .map((request) => request.body as Record<string, unknown>);
}
