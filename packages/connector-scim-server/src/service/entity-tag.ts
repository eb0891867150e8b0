import { ScimError } from '@idsync/scim';

/** The weak ETag of a hub version, as `meta.version` and the `ETag` header carry it. */
export function entityTag(version: number): string {
  return `W/"${version}"`;
}

/**
 * The entity tags of an `If-Match` / `If-None-Match` header: `*`, or the opaque values. SCIM
 * (RFC 7644 §3.14) uses weak tags with If-Match, so `W/` is ignored on both sides.
 */
function tagsOf(header: string): '*' | string[] {
  if (header.trim() === '*') return '*';
  const tags: string[] = [];
  for (const match of header.matchAll(/(?:W\/)?"([^"]*)"|([^\s,]+)/g)) tags.push(match[1] ?? match[2]!);
  return tags;
}

function matches(header: string, version: number): boolean {
  const tags = tagsOf(header);
  return tags === '*' || tags.includes(String(version));
}

/** Throws 412 when an `If-Match` header is given and does not name the current version. */
export function assertIfMatch(header: string | undefined, version: number): void {
  if (header === undefined || matches(header, version)) return;
  throw new ScimError(
    412,
    undefined,
    `The resource is at version ${entityTag(version)}, not the one in If-Match (${header}); read it again and retry with its current ETag.`,
  );
}

/** True when an `If-None-Match` header names the current version (GET answers 304). */
export function ifNoneMatchHits(header: string | undefined, version: number): boolean {
  return header !== undefined && matches(header, version);
}
