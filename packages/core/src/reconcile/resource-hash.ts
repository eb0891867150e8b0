import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal resources always serialise the same. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * A stable fingerprint of a mapped resource. Stored on the link as the last applied state,
 * it suppresses echoes: a change that comes back from the other side with the same content
 * is recognised as our own and not applied again (no ping-pong in bidirectional rules).
 * `meta` is left out: it changes on every write without changing content.
 */
export function resourceHash(resource: Record<string, unknown>): string {
  const { meta: _meta, ...content } = resource;
  return createHash('sha256').update(canonicalJson(content)).digest('base64url');
}
