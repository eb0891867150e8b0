import { findKeyCaseInsensitive, type ScimResource } from '@idsync/scim';

/*
 * The editable attribute of the samples is a plain path: `attribute` or `attribute.sub`.
 * Names compare without case (RFC 7643 §2.1), so a connector that answers `displayname` for
 * `displayName` is not failed for it.
 */

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function split(path: string): [string, string | undefined] {
  const dot = path.indexOf('.');
  return dot < 0 ? [path, undefined] : [path.slice(0, dot), path.slice(dot + 1)];
}

/** The value at `path`, or undefined when absent. */
export function readPath(resource: object, path: string): unknown {
  const [attribute, sub] = split(path);
  const key = findKeyCaseInsensitive(resource, attribute);
  const value = key === undefined ? undefined : (resource as Json)[key];
  if (sub === undefined) return value;
  return isObject(value) ? readPath(value, sub) : undefined;
}

/** A copy of `resource` with `path` set to `value`. */
export function withPath(resource: ScimResource, path: string, value: unknown): ScimResource {
  const copy = structuredClone(resource) as Json;
  const [attribute, sub] = split(path);
  const key = findKeyCaseInsensitive(copy, attribute) ?? attribute;
  if (sub === undefined) copy[key] = value;
  else copy[key] = withPath((isObject(copy[key]) ? copy[key] : {}) as ScimResource, sub, value);
  return copy as ScimResource;
}

/** A copy of `resource` without `path` (an emptied complex attribute is dropped too). */
export function withoutPath(resource: ScimResource, path: string): ScimResource {
  const copy = structuredClone(resource) as Json;
  const [attribute, sub] = split(path);
  const key = findKeyCaseInsensitive(copy, attribute);
  if (key === undefined) return copy as ScimResource;
  if (sub === undefined || !isObject(copy[key])) {
    delete copy[key];
    return copy as ScimResource;
  }
  const inner = withoutPath(copy[key] as ScimResource, sub) as Json;
  if (Object.keys(inner).length === 0) delete copy[key];
  else copy[key] = inner;
  return copy as ScimResource;
}

/** Whether a value counts as "no value" after clearing: absent, null, empty string or empty list. */
export function isCleared(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}
