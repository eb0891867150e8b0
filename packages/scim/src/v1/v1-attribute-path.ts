import { ScimError } from '../errors/scim-error.js';
import { splitAttributePath, type AttributePath } from '../schema/attribute-path.js';
import { SCIM_V1_CORE_SCHEMA, SCIM_V1_ENTERPRISE_SCHEMA } from '../schema/urns.js';
import {
  isV2CoreSchema,
  isV2EnterpriseSchema,
  schemaUrnFromV1,
  schemaUrnToV1,
  type V1ResourceType,
} from './v1-schema-urns.js';

const V1_URNS = [SCIM_V1_CORE_SCHEMA, SCIM_V1_ENTERPRISE_SCHEMA];

function isManagerPath(schema: string | undefined, path: AttributePath): boolean {
  return schema !== undefined && isV2EnterpriseSchema(schema) && path.attribute.toLowerCase() === 'manager';
}

/**
 * Reads an attribute path as 1.1 writes it (in `meta.attributes` of a PATCH) and returns it in
 * 2.0 terms: core attributes unqualified, the enterprise URN in its 2.0 spelling and
 * `manager.managerId` as `manager.value`. Besides the `urn:…:1.0:attr` form, the
 * `urn:…:1.0.attr` form some 1.1 clients write is accepted for the two 1.1 URNs.
 */
export function attributePathFromV1(text: string, resourceType: V1ResourceType): AttributePath {
  let normalised = text.trim();
  for (const urn of V1_URNS) {
    if (normalised.toLowerCase().startsWith(urn.toLowerCase() + '.')) {
      normalised = `${normalised.slice(0, urn.length)}:${normalised.slice(urn.length + 1)}`;
    }
  }
  const parsed = splitAttributePath(normalised, V1_URNS);
  if (!parsed) {
    throw ScimError.invalidPath(
      `"${text}" is not a SCIM 1.1 attribute path; write it as "attribute", "attribute.subAttribute" or "<schema URN>:attribute".`,
    );
  }
  const mapped = parsed.schema === undefined ? undefined : schemaUrnFromV1(parsed.schema, resourceType);
  const schema = mapped !== undefined && !isV2CoreSchema(mapped) ? mapped : undefined;
  const subAttribute =
    isManagerPath(schema, parsed) && parsed.subAttribute?.toLowerCase() === 'managerid'
      ? 'value'
      : parsed.subAttribute;
  return {
    ...(schema !== undefined ? { schema } : {}),
    attribute: parsed.attribute,
    ...(subAttribute !== undefined ? { subAttribute } : {}),
  };
}

/** Writes a 2.0 attribute path the way a 1.1 service reads it (the reverse of `attributePathFromV1`). */
export function attributePathToV1(path: AttributePath): string {
  const schema = path.schema !== undefined && !isV2CoreSchema(path.schema) ? path.schema : undefined;
  const subAttribute =
    isManagerPath(schema, path) && path.subAttribute?.toLowerCase() === 'value'
      ? 'managerId'
      : path.subAttribute;
  const name = subAttribute === undefined ? path.attribute : `${path.attribute}.${subAttribute}`;
  return schema === undefined ? name : `${schemaUrnToV1(schema)}:${name}`;
}
