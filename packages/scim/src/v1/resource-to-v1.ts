import type { ScimResource, ScimValue } from '../resource/scim-resource.js';
import { SCIM_V1_CORE_SCHEMA, USER_SCHEMA } from '../schema/urns.js';
import { attributeToV1, cloneValue, isPlainObject } from './attribute-value-mapping.js';
import { addSchemaUrn, isSchemaUrnKey, isV2CoreSchema, schemaUrnToV1 } from './v1-schema-urns.js';

/** A resource in SCIM 1.1 wire form: 1.1 schema URNs, extension attributes under their URN. */
export type ScimV1Resource = { schemas: string[] } & { [attribute: string]: ScimValue };

/** 1.1 meta has created, lastModified, location and version; `resourceType` is 2.0 only. */
function metaToV1(meta: unknown): Record<string, ScimValue> | undefined {
  if (!isPlainObject(meta)) return undefined;
  const out: Record<string, ScimValue> = {};
  for (const [key, value] of Object.entries(meta)) {
    if (key.toLowerCase() === 'resourcetype' || value === undefined) continue;
    out[key] = cloneValue(value);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Converts a canonical SCIM 2.0 User or Group to SCIM 1.1 wire form, for a 1.1 target or a 1.1
 * client of the inbound server. The core and enterprise URNs take their 1.1 spelling (User and
 * Group share `urn:scim:schemas:core:1.0`), `$ref` sub-attributes are dropped and the manager's
 * `value` becomes `managerId`. Custom extension URNs and their attributes are kept as they are.
 */
export function resourceToV1(resource: ScimResource): ScimV1Resource {
  const schemas: string[] = [];
  for (const urn of resource.schemas ?? []) addSchemaUrn(schemas, schemaUrnToV1(urn));
  if (!schemas.includes(SCIM_V1_CORE_SCHEMA)) schemas.unshift(SCIM_V1_CORE_SCHEMA);
  const core = (resource.schemas ?? []).find(isV2CoreSchema) ?? USER_SCHEMA;
  const out: ScimV1Resource = { schemas };

  for (const [key, value] of Object.entries(resource)) {
    if (value === undefined || key === 'schemas') continue;
    if (key.toLowerCase() === 'meta') {
      const meta = metaToV1(value);
      if (meta) out.meta = meta;
      continue;
    }
    if (!isSchemaUrnKey(key) || !isPlainObject(value)) {
      out[key] = attributeToV1(key, value, core);
      continue;
    }
    const v1Urn = schemaUrnToV1(key);
    addSchemaUrn(schemas, v1Urn);
    const extension: Record<string, ScimValue> = {};
    for (const [attribute, attributeValue] of Object.entries(value)) {
      if (attributeValue !== undefined) extension[attribute] = attributeToV1(attribute, attributeValue, key);
    }
    out[v1Urn] = extension;
  }
  return out;
}

/** `resourceToV1` for a User (named for symmetry with `userFromV1`). */
export function userToV1(user: ScimResource): ScimV1Resource {
  return resourceToV1(user);
}

/** `resourceToV1` for a Group (named for symmetry with `groupFromV1`). */
export function groupToV1(group: ScimResource): ScimV1Resource {
  return resourceToV1(group);
}
