import { findKeyCaseInsensitive, type ScimResource } from '@idsync/scim';
import type { MappingProvenance } from '../mapping/attribute-mapping.js';
import type { MappingResult } from '../mapping/apply-mappings.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const typeOf = (element: unknown): string | undefined => {
  if (!isRecord(element)) return undefined;
  const key = findKeyCaseInsensitive(element, 'type');
  const type = key === undefined ? undefined : element[key];
  return typeof type === 'string' ? type.toLowerCase() : undefined;
};

/**
 * `later` merged into `earlier`, which wins: complex values member by member, lists of typed
 * elements type by type (one rule's work email and another's home email both stay), anything
 * else as the earlier rule gave it.
 */
function mergeValue(earlier: unknown, later: unknown): unknown {
  if (isRecord(earlier) && isRecord(later)) {
    const merged: Record<string, unknown> = { ...earlier };
    for (const [key, value] of Object.entries(later)) {
      const existing = findKeyCaseInsensitive(merged, key);
      if (existing === undefined) merged[key] = value;
      else merged[existing] = mergeValue(merged[existing], value);
    }
    return merged;
  }
  if (Array.isArray(earlier) && Array.isArray(later)) {
    const types = earlier.map(typeOf);
    if (types.includes(undefined) || later.some((element) => typeOf(element) === undefined)) return earlier;
    const merged = [...earlier];
    for (const element of later) {
      const index = types.indexOf(typeOf(element));
      if (index < 0) merged.push(element);
      else merged[index] = mergeValue(merged[index], element);
    }
    return merged;
  }
  return earlier;
}

/** The object several rules want on one connection, and which rule gave each value. */
export interface MergedMapping {
  readonly resource: ScimResource;
  readonly provenance: readonly MappingProvenance[];
}

/**
 * When several rules want the same object on one connection, each maps it; the results are
 * combined in rule order, and the first rule to give an attribute (or a sub-attribute of a
 * complex one, or an attribute of an extension, or a typed element's sub-attribute) wins. Rule order is the documented priority.
 */
export function mergeMappedObjects(results: readonly MappingResult[]): MergedMapping {
  const resource: ScimResource = { schemas: [] };
  const provenance: MappingProvenance[] = [];
  const claimed = new Set<string>();
  for (const result of results) {
    for (const schema of result.resource.schemas)
      if (!resource.schemas.includes(schema)) resource.schemas.push(schema);
    for (const [key, value] of Object.entries(result.resource)) {
      if (key === 'schemas') continue;
      const existing = findKeyCaseInsensitive(resource, key);
      resource[existing ?? key] = (
        existing === undefined ? value : mergeValue(resource[existing], value)
      ) as ScimResource[string];
    }
    for (const entry of result.provenance.values()) {
      const key = entry.targetPath.toLowerCase();
      if (claimed.has(key)) continue;
      claimed.add(key);
      provenance.push(entry);
    }
  }
  return { resource, provenance };
}
