import type { RequestMatcher } from './fault-config.js';

/** The parts of a request a fault rule looks at. */
export interface MatchableRequest {
  readonly method: string;
  /** Below the SCIM base path, or the full path for routes outside it. */
  readonly path: string;
}

/** True when `request` is one the matcher selects; no matcher selects every request. */
export function matchesRequest(matcher: RequestMatcher | undefined, request: MatchableRequest): boolean {
  if (!matcher) return true;
  if (matcher.method !== undefined && matcher.method.toUpperCase() !== request.method.toUpperCase())
    return false;
  const { path } = matcher;
  if (path === undefined) return true;
  if (path instanceof RegExp) return path.test(request.path);
  const wanted = path.replace(/\/+$/, '').toLowerCase();
  const actual = request.path.toLowerCase();
  return actual === wanted || actual.startsWith(`${wanted}/`);
}
