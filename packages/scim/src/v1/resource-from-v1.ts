import { ScimError } from '../errors/scim-error.js';
import { findKeyCaseInsensitive } from '../resource/case-insensitive.js';
import type { ScimMeta, ScimResource, ScimValue } from '../resource/scim-resource.js';
import { SCIM_V1_ENTERPRISE_SCHEMA } from '../schema/urns.js';
import { attributeFromV1, isPlainObject, type V1ConversionOptions } from './attribute-value-mapping.js';
import {
  addSchemaUrn,
  isSchemaUrnKey,
  isV2CoreSchema,
  schemaUrnFromV1,
  v2CoreSchemaOf,
  type V1ResourceType,
} from './v1-schema-urns.js';

/** The attributes of the 1.1 enterprise extension (Core Schema 1.1 §7). */
const ENTERPRISE_ATTRIBUTES = [
  'employeeNumber',
  'costCenter',
  'organization',
  'division',
  'department',
  'manager',
];

function describe(value: unknown): string {
  return Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
}

function readSchemas(body: Record<string, unknown>, resourceType: V1ResourceType): string[] {
  const key = findKeyCaseInsensitive(body, 'schemas');
  const raw = key === undefined ? [] : body[key];
  if (!Array.isArray(raw) || raw.some((urn) => typeof urn !== 'string')) {
    throw ScimError.invalidSyntax(
      `"schemas" of a SCIM 1.1 ${resourceType} must be an array of URN strings such as ["urn:scim:schemas:core:1.0"].`,
    );
  }
  const schemas: string[] = [];
  for (const urn of raw as string[]) addSchemaUrn(schemas, schemaUrnFromV1(urn, resourceType));
  const core = v2CoreSchemaOf(resourceType);
  if (!schemas.some(isV2CoreSchema)) schemas.unshift(core);
  return schemas;
}

/**
 * Some 1.1 clients declare the enterprise schema but send its attributes at the top level. They
 * cannot be core attributes (1.1 core has none of these names), so they are moved under the URN.
 */
function liftFlatEnterpriseAttributes(body: Record<string, unknown>): Record<string, unknown> {
  const schemas = body[findKeyCaseInsensitive(body, 'schemas') ?? 'schemas'];
  const declared =
    Array.isArray(schemas) &&
    schemas.some(
      (urn) => typeof urn === 'string' && urn.toLowerCase() === SCIM_V1_ENTERPRISE_SCHEMA.toLowerCase(),
    );
  if (!declared) return body;
  const flat = ENTERPRISE_ATTRIBUTES.map((name) => findKeyCaseInsensitive(body, name)).filter(
    (key): key is string => key !== undefined,
  );
  if (flat.length === 0) return body;
  const extensionKey = findKeyCaseInsensitive(body, SCIM_V1_ENTERPRISE_SCHEMA) ?? SCIM_V1_ENTERPRISE_SCHEMA;
  const existing = body[extensionKey];
  const extension: Record<string, unknown> = isPlainObject(existing) ? { ...existing } : {};
  const lifted: Record<string, unknown> = { ...body };
  for (const key of flat) {
    if (findKeyCaseInsensitive(extension, key) === undefined) extension[key] = body[key];
    delete lifted[key];
  }
  lifted[extensionKey] = extension;
  return lifted;
}

/**
 * 1.1 meta has no `resourceType` (the endpoint implies it) and carries `attributes` only in
 * PATCH requests, where it lists attributes to clear; neither belongs in a 2.0 resource.
 */
function metaFromV1(value: unknown, resourceType: V1ResourceType): ScimMeta | undefined {
  if (!isPlainObject(value)) return undefined; // meta is read-only: a malformed one is ignored, not fatal
  const meta: Record<string, unknown> = { resourceType };
  for (const [key, subValue] of Object.entries(value)) {
    if (key.toLowerCase() === 'attributes' || key.toLowerCase() === 'resourcetype') continue;
    meta[key] = subValue;
  }
  return meta as ScimMeta;
}

/**
 * Converts a SCIM 1.1 User or Group (as a 1.1 client POSTs or PUTs it, or a 1.1 service returns
 * it) to the canonical SCIM 2.0 form. The 1.1 core URN becomes the 2.0 core URN of
 * `resourceType`, the 1.1 enterprise extension (URN key, `manager.managerId`) its 2.0
 * counterpart, string booleans become booleans; custom extension URNs are kept as they are.
 */
export function resourceFromV1(
  body: unknown,
  resourceType: V1ResourceType,
  options: V1ConversionOptions = {},
): ScimResource {
  if (!isPlainObject(body)) {
    throw ScimError.invalidSyntax(
      `A SCIM 1.1 ${resourceType} must be a JSON object, but got ${describe(body)}.`,
    );
  }
  const input = liftFlatEnterpriseAttributes(body);
  const schemas = readSchemas(input, resourceType);
  const core = v2CoreSchemaOf(resourceType);
  const resource: ScimResource = { schemas };
  const convert = (schema: string, attribute: string, value: unknown): ScimValue =>
    attributeFromV1(attribute, value, { schema, resourceType, options, keepOperation: false });

  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || key.toLowerCase() === 'schemas') continue;
    if (key.toLowerCase() === 'meta') {
      const meta = metaFromV1(value, resourceType);
      if (meta) resource.meta = meta;
      continue;
    }
    if (!isSchemaUrnKey(key)) {
      resource[key] = convert(core, key, value);
      continue;
    }
    if (!isPlainObject(value)) {
      throw ScimError.invalidSyntax(
        `Extension "${key}" must be an object holding that schema's attributes, but got ${describe(value)}.`,
      );
    }
    const urn = schemaUrnFromV1(key, resourceType);
    if (isV2CoreSchema(urn)) {
      // a client that qualified core attributes with the core URN: they belong at the top level
      for (const [attribute, attributeValue] of Object.entries(value)) {
        resource[attribute] = convert(core, attribute, attributeValue);
      }
      continue;
    }
    addSchemaUrn(schemas, urn);
    const existing = resource[urn];
    const extension: Record<string, ScimValue> = isPlainObject(existing)
      ? (existing as Record<string, ScimValue>)
      : {};
    for (const [attribute, attributeValue] of Object.entries(value)) {
      extension[attribute] = convert(urn, attribute, attributeValue);
    }
    resource[urn] = extension;
  }
  return resource;
}

/** `resourceFromV1` for a body received at, or read from, `/Users`. */
export function userFromV1(body: unknown, options: V1ConversionOptions = {}): ScimResource {
  return resourceFromV1(body, 'User', options);
}

/** `resourceFromV1` for a body received at, or read from, `/Groups`. */
export function groupFromV1(body: unknown, options: V1ConversionOptions = {}): ScimResource {
  return resourceFromV1(body, 'Group', options);
}
