import { ConnectorError, type ObjectType, type RemoteObject } from '@idsync/core';
import { GROUP_SCHEMA, isScimError, resourceFromV1, USER_SCHEMA, type ScimResource } from '@idsync/scim';
import type { ScimVersion } from './config.js';

/** Never part of what a connector reports: members are read page by page, passwords never. */
const NOT_REPORTED: Readonly<Record<ObjectType, ReadonlySet<string>>> = {
  User: new Set(['password']),
  Group: new Set(['members']),
};

const CORE_SCHEMA: Readonly<Record<ObjectType, string>> = { User: USER_SCHEMA, Group: GROUP_SCHEMA };

/**
 * A resource as the target sent it (SCIM 1.1 or 2.0) → the canonical SCIM 2.0 RemoteObject.
 * The SCIM `id` is the remote id: targets keep it across renames. Group members are left out
 * (the engine reads them through `readMembers`, in pages) unless `keepMembers` asks for them,
 * as the membership code does; a password never comes back.
 */
export function toCanonical(
  type: ObjectType,
  body: unknown,
  version: ScimVersion,
  options: { readonly keepMembers?: boolean } = {},
): RemoteObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ConnectorError('invalid', `The target sent a ${type} that is not a JSON object.`);
  }
  let resource: ScimResource;
  try {
    resource = version === '1.1' ? resourceFromV1(body, type) : ({ ...body } as ScimResource);
  } catch (error) {
    if (isScimError(error))
      throw new ConnectorError('invalid', `The target sent an unreadable ${type}: ${error.detail}`);
    throw error;
  }
  const id = resource.id as unknown;
  if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '') {
    throw new ConnectorError(
      'invalid',
      `The target sent a ${type} without an "id"; a SCIM service must assign one.`,
    );
  }
  const canonical: ScimResource = {
    schemas:
      Array.isArray(resource.schemas) && resource.schemas.length > 0 ? resource.schemas : [CORE_SCHEMA[type]],
  };
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'schemas') continue;
    if (
      NOT_REPORTED[type].has(key.toLowerCase()) &&
      !(options.keepMembers && key.toLowerCase() === 'members')
    )
      continue;
    canonical[key] = value;
  }
  canonical.id = String(id);
  return { remoteId: String(id), type, resource: canonical };
}
