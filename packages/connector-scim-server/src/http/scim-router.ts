import type { ScimRoute } from './scim-call.js';

export type RouteMatch =
  | { readonly kind: 'found'; readonly route: ScimRoute; readonly params: Record<string, string> }
  | { readonly kind: 'method'; readonly allowed: readonly string[] }
  | { readonly kind: 'none' };

/** Splits a path below the mount (`/Users/abc/`, `Users/abc`) into its segments. */
export function pathSegments(path: string): string[] {
  return path
    .split('?')[0]!
    .split('/')
    .filter((segment) => segment !== '');
}

/**
 * Matches a path against the mount's routes without regard to case (`/users`, `/USERS/.search`),
 * as Entra ID and others send them; a literal segment beats a parameter, so `/Users/.search` is
 * the search and not a user named ".search". The HTTP layer registers each route with fastify
 * under its canonical spelling and sends every other spelling here; Bulk resolves its operation
 * paths here too.
 */
export class ScimRouter {
  constructor(readonly routes: readonly ScimRoute[]) {}

  match(method: string, segments: readonly string[]): RouteMatch {
    let best: { route: ScimRoute; params: Record<string, string>; literals: number } | undefined;
    const allowed = new Set<string>();
    for (const route of this.routes) {
      const matched = matchSegments(route.segments, segments);
      if (!matched) continue;
      allowed.add(route.method);
      if (route.method !== method.toUpperCase()) continue;
      if (!best || matched.literals > best.literals) best = { route, ...matched };
    }
    if (best) return { kind: 'found', route: best.route, params: best.params };
    if (allowed.size > 0) return { kind: 'method', allowed: [...allowed] };
    return { kind: 'none' };
  }
}

function matchSegments(
  pattern: readonly string[],
  segments: readonly string[],
): { params: Record<string, string>; literals: number } | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  let literals = 0;
  for (let index = 0; index < pattern.length; index++) {
    const expected = pattern[index]!;
    const actual = segments[index]!;
    if (expected.startsWith(':')) {
      params[expected.slice(1)] = actual;
    } else if (expected.toLowerCase() === actual.toLowerCase()) {
      literals++;
    } else {
      return undefined;
    }
  }
  return { params, literals };
}
