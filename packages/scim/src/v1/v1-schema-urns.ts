import { ScimError } from '../errors/scim-error.js';
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  SCIM_V1_CORE_SCHEMA,
  SCIM_V1_ENTERPRISE_SCHEMA,
  USER_SCHEMA,
} from '../schema/urns.js';

/**
 * The resource types SCIM 1.1 defines. Both share the one core URN `urn:scim:schemas:core:1.0`,
 * so the endpoint a body arrived at (or is sent to) is what tells a User from a Group.
 */
export type V1ResourceType = 'User' | 'Group';

/** The SCIM 2.0 core schema URN of a 1.1 resource type. */
export function v2CoreSchemaOf(resourceType: V1ResourceType): string {
  return resourceType === 'Group' ? GROUP_SCHEMA : USER_SCHEMA;
}

/** Reads the resource type from an endpoint or type name (`/Users`, `Groups`, `user`). */
export function v1ResourceTypeOf(name: string): V1ResourceType {
  const normalised = name.replace(/^\/+/, '').toLowerCase();
  if (normalised === 'user' || normalised === 'users') return 'User';
  if (normalised === 'group' || normalised === 'groups') return 'Group';
  throw ScimError.invalidValue(
    `SCIM 1.1 defines only User and Group resources, so "${name}" cannot be converted; use /Users or /Groups.`,
  );
}

/** True for a key that names a schema (extension attributes live under their URN). */
export function isSchemaUrnKey(key: string): boolean {
  return /^urn:/i.test(key);
}

function sameUrn(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** True for the 2.0 core User or Group URN: attributes of these live at the top level. */
export function isV2CoreSchema(urn: string): boolean {
  return sameUrn(urn, USER_SCHEMA) || sameUrn(urn, GROUP_SCHEMA);
}

/** True for the 2.0 enterprise User extension URN. */
export function isV2EnterpriseSchema(urn: string): boolean {
  return sameUrn(urn, ENTERPRISE_USER_SCHEMA);
}

/**
 * Maps a schema URN from its 1.1 to its 2.0 spelling. URNs that 1.1 does not define (custom
 * extensions, or 2.0 URNs a lenient client already sent) pass through unchanged.
 */
export function schemaUrnFromV1(urn: string, resourceType: V1ResourceType): string {
  if (sameUrn(urn, SCIM_V1_CORE_SCHEMA)) return v2CoreSchemaOf(resourceType);
  if (sameUrn(urn, SCIM_V1_ENTERPRISE_SCHEMA)) return ENTERPRISE_USER_SCHEMA;
  return urn;
}

/** Maps a schema URN from its 2.0 to its 1.1 spelling; unknown URNs pass through unchanged. */
export function schemaUrnToV1(urn: string): string {
  if (isV2CoreSchema(urn)) return SCIM_V1_CORE_SCHEMA;
  if (isV2EnterpriseSchema(urn)) return SCIM_V1_ENTERPRISE_SCHEMA;
  return urn;
}

/** Appends `urn` unless the list already holds it (URNs compare case-insensitively). */
export function addSchemaUrn(list: string[], urn: string): void {
  if (!list.some((existing) => sameUrn(existing, urn))) list.push(urn);
}
