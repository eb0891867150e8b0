/**
 * SCIM attribute names are case-insensitive (RFC 7643 §2.1), while JSON keys are not. These
 * helpers find a key regardless of case, returning the key as the object spells it.
 */
export function findKeyCaseInsensitive(object: object, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(object, name)) return name;
  const lower = name.toLowerCase();
  for (const key of Object.keys(object)) {
    if (key.toLowerCase() === lower) return key;
  }
  return undefined;
}

export function getCaseInsensitive<T = unknown>(object: object, name: string): T | undefined {
  const key = findKeyCaseInsensitive(object, name);
  return key === undefined ? undefined : ((object as Record<string, unknown>)[key] as T);
}
