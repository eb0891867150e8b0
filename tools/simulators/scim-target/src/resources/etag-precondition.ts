import { ScimError, type ScimResource } from '@idsync/scim';

/** The entity tags listed in an If-Match / If-None-Match header; `*` stands for any. */
function listedTags(header: string): string[] {
  return header
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

/** Weak comparison (RFC 9110 §8.8.3.2): `W/"3"` and `"3"` are the same tag. */
const opaque = (tag: string) => tag.replace(/^W\//i, '');

function matches(header: string, version: string): boolean {
  return listedTags(header).some((tag) => tag === '*' || opaque(tag) === opaque(version));
}

/**
 * RFC 7644 §3.14: a write with an `If-Match` that does not name the current version is refused
 * with 412, so a client that read a resource before someone else changed it cannot overwrite
 * the other change. Without ETags (option off) the header is ignored, as by a server that does
 * not support them.
 */
export function assertIfMatch(enabled: boolean, current: ScimResource, ifMatch: string | undefined): void {
  const version = current.meta?.version;
  if (!enabled || ifMatch === undefined || version === undefined) return;
  if (!matches(ifMatch, version)) {
    throw new ScimError(
      412,
      undefined,
      `The resource is at version ${version}, not ${ifMatch}: it changed since it was read. Read it again and retry.`,
    );
  }
}

/** True when a GET's `If-None-Match` names the current version: answer 304 without a body. */
export function isNotModified(
  enabled: boolean,
  current: ScimResource,
  ifNoneMatch: string | undefined,
): boolean {
  const version = current.meta?.version;
  return enabled && ifNoneMatch !== undefined && version !== undefined && matches(ifNoneMatch, version);
}
