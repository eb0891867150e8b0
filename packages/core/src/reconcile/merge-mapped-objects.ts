import type { ScimResource } from '@idsync/scim';
import type { MappingProvenance } from '../mapping/attribute-mapping.js';
import type { MappingResult } from '../mapping/apply-mappings.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The object several rules want on one connection, and which rule gave each value. */
export interface MergedMapping {
  readonly resource: ScimResource;
  readonly provenance: readonly MappingProvenance[];
}

/**
 * When several rules want the same object on one connection, each maps it; the results are
 * combined in rule order, and the first rule to give an attribute (or a sub-attribute of a
 * complex one, or an attribute of an extension) wins. Rule order is the documented priority.
 */
export function mergeMappedObjects(results: readonly MappingResult[]): MergedMapping {
  const resource: ScimResource = { schemas: [] };
  const provenance: MappingProvenance[] = [];
  const claimed = new Set<string>();
  for (const result of results) {
    for (const schema of result.resource.schemas) if (!resource.schemas.includes(schema)) resource.schemas.push(schema);
    for (const [key, value] of Object.entries(result.resource)) {
      if (key === 'schemas') continue;
      const existing = resource[key];
      if (existing === undefined) resource[key] = value as ScimResource[string];
      else if (isRecord(existing) && isRecord(value)) {
        for (const [subKey, subValue] of Object.entries(value)) if (!(subKey in existing)) existing[subKey] = subValue;
      }
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
