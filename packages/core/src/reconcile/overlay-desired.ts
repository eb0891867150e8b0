import { findKeyCaseInsensitive, type ScimResource } from '@idsync/scim';
import { isClearedElement, withoutCleared } from './cleared-values.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function typeOf(element: unknown): string | undefined {
  if (!isRecord(element)) return undefined;
  const key = findKeyCaseInsensitive(element, 'type');
  const type = key === undefined ? undefined : element[key];
  return typeof type === 'string' ? type.toLowerCase() : undefined;
}

/** Sets the desired sub-keys on a copy of the remote value; `null` removes one. */
function overlayComplex(
  remote: Record<string, unknown>,
  desired: Record<string, unknown>,
): Record<string, unknown> {
  const result = { ...remote };
  for (const [key, value] of Object.entries(desired)) {
    const existing = findKeyCaseInsensitive(result, key);
    if (existing !== undefined) delete result[existing];
    if (value !== null && value !== undefined) result[key] = value;
  }
  return result;
}

/**
 * Typed elements (`emails[type eq "work"]`) replace the remote elements of the same type,
 * keeping their unmapped sub-attributes (such as `primary`); elements of other types, added
 * on the remote side, stay. A typed element whose mapping yielded nothing (see
 * `isClearedElement`) removes the remote elements of its type. A list without types is
 * managed as a whole. Undefined when no element is left.
 */
function overlayList(remote: unknown[], desired: unknown[]): unknown[] | undefined {
  const desiredTypes = desired.map(typeOf);
  if (desiredTypes.includes(undefined)) return withoutCleared(desired) as unknown[] | undefined;
  const result: unknown[] = [];
  const used = new Set<number>();
  for (const element of remote) {
    const index = desiredTypes.indexOf(typeOf(element));
    if (index < 0) result.push(element);
    else if (!used.has(index)) {
      used.add(index);
      const wanted = desired[index];
      if (isClearedElement(wanted)) continue;
      result.push(
        isRecord(element) && isRecord(wanted) ? overlayComplex(element, wanted) : withoutCleared(wanted),
      );
    }
  }
  desired.forEach((element, index) => {
    if (!used.has(index) && !isClearedElement(element)) result.push(withoutCleared(element));
  });
  return result.length ? result : undefined;
}

/** The remote value with the desired one laid over it; undefined when nothing is left. */
function overlayValue(remote: unknown, desired: unknown): unknown {
  if (remote === undefined || remote === null) return withoutCleared(desired);
  if (Array.isArray(remote) && Array.isArray(desired)) return overlayList(remote, desired);
  if (isRecord(remote) && isRecord(desired)) return withoutCleared(overlayComplex(remote, desired));
  return withoutCleared(desired);
}

/**
 * The remote object as it should be: the remote object with the attributes the rules manage
 * (attributes, sub-attributes, typed elements, extension attributes) set to the desired
 * values, and everything else left as it is. Diffing remote against this changes exactly what
 * the rules own. `null` in the desired object clears the attribute.
 */
export function overlayDesired(remote: ScimResource, desired: ScimResource): ScimResource {
  const result: ScimResource = { ...remote, schemas: [...(remote.schemas ?? [])] };
  for (const [key, desiredValue] of Object.entries(desired)) {
    if (key === 'schemas' || key === 'id' || key === 'meta') continue;
    const remoteKey = findKeyCaseInsensitive(result, key);
    const remoteValue = remoteKey === undefined ? undefined : result[remoteKey];
    if (remoteKey !== undefined) delete result[remoteKey];
    let value: unknown;
    if (desiredValue === null) value = undefined;
    else if (key.toLowerCase().startsWith('urn:') && isRecord(desiredValue)) {
      const extension: Record<string, unknown> = isRecord(remoteValue) ? { ...remoteValue } : {};
      for (const [attribute, wanted] of Object.entries(desiredValue)) {
        const attributeKey = findKeyCaseInsensitive(extension, attribute);
        const current = attributeKey === undefined ? undefined : extension[attributeKey];
        if (attributeKey !== undefined) delete extension[attributeKey];
        const value = overlayValue(current, wanted);
        if (value !== undefined) extension[attribute] = value;
      }
      value = Object.keys(extension).length ? extension : undefined;
      if (value && !result.schemas.some((s) => s.toLowerCase() === key.toLowerCase()))
        result.schemas.push(key);
    } else {
      value = overlayValue(remoteValue, desiredValue);
    }
    if (value !== undefined) result[key] = value as ScimResource[string];
  }
  return result;
}
