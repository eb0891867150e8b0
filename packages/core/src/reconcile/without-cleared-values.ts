import type { ScimResource } from '@idsync/scim';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A mapped object ready to be created: `null` means "clear" in a mapping, which for a new
 * object means "leave out". Extensions left empty are dropped, with their URN in `schemas`,
 * so a target never sees a schema it would have to accept for no data.
 */
export function withoutClearedValues(resource: ScimResource): ScimResource {
  const result: ScimResource = { schemas: [] };
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'schemas' || value === null || value === undefined) continue;
    if (isRecord(value)) {
      const kept = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));
      if (Object.keys(kept).length) result[key] = kept as ScimResource[string];
    } else {
      result[key] = value;
    }
  }
  const present = new Set(Object.keys(result).map((key) => key.toLowerCase()));
  result.schemas = (resource.schemas ?? []).filter((urn, index) => index === 0 || present.has(urn.toLowerCase()));
  return result;
}
