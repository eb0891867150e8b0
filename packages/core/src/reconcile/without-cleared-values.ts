import type { ScimResource } from '@idsync/scim';
import { withoutCleared } from './cleared-values.js';

/**
 * A mapped object ready to be created: `null` means "clear" in a mapping, which for a new
 * object means "leave out" — at any depth, including a typed element such as the work email
 * whose mapping yielded nothing (no `{ type: "work" }` is sent). Extensions left empty are
 * dropped, with their URN in `schemas`, so a target never sees a schema it would have to
 * accept for no data.
 */
export function withoutClearedValues(resource: ScimResource): ScimResource {
  const result: ScimResource = { schemas: [] };
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'schemas') continue;
    const kept = withoutCleared(value);
    if (kept !== undefined) result[key] = kept as ScimResource[string];
  }
  const present = new Set(Object.keys(result).map((key) => key.toLowerCase()));
  result.schemas = (resource.schemas ?? []).filter(
    (urn, index) => index === 0 || present.has(urn.toLowerCase()),
  );
  return result;
}
