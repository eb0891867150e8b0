import { ConnectorError, type ObjectType } from '@idsync/core';
import { GROUP_SCHEMA, resourceToV1, USER_SCHEMA, type ScimResource } from '@idsync/scim';
import type { ScimVersion } from './config.js';
import { normaliseMultiValued } from './normalise/normalise-multi-valued.js';
import { missingPaths } from './presets/required-attributes.js';
import type { ScimPreset } from './presets/scim-preset.js';

const CORE_SCHEMA: Readonly<Record<ObjectType, string>> = { User: USER_SCHEMA, Group: GROUP_SCHEMA };

/**
 * What never goes out in a create or replace body: server-owned attributes, a user's `groups`
 * (read-only, RFC 7643 §4.1.2) and a group's `members` (changed by the membership operations,
 * in chunks the target accepts; a replace puts the current members back itself).
 */
const NOT_SENT: Readonly<Record<ObjectType, ReadonlySet<string>>> = {
  User: new Set(['id', 'meta', 'groups']),
  Group: new Set(['id', 'meta', 'members']),
};

export interface OutgoingOptions {
  readonly version: ScimVersion;
  readonly preset: ScimPreset;
}

/**
 * A canonical resource → the body the target takes: server-owned attributes dropped, the core
 * schema declared, multi-valued attributes normalised (one value per type, one primary, no
 * duplicate emails), the preset's shaping applied, then written as SCIM 1.1 when the target
 * speaks 1.1. A resource the preset knows the target will refuse (AWS: a user without its name
 * parts or displayName) fails here with `invalid`, naming what is missing, before any request.
 */
export function fromCanonical(
  type: ObjectType,
  resource: ScimResource,
  options: OutgoingOptions,
): ScimResource {
  const body: ScimResource = { schemas: [...(resource.schemas ?? [])] };
  if (!body.schemas.some((schema) => schema.toLowerCase() === CORE_SCHEMA[type].toLowerCase())) {
    body.schemas.unshift(CORE_SCHEMA[type]);
  }
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'schemas' || value === undefined || NOT_SENT[type].has(key.toLowerCase())) continue;
    body[key] = value;
  }
  const shaped = options.preset.shapeOutgoing(type, normaliseMultiValued(body));
  const missing = missingPaths(shaped, options.preset.requiredAttributes[type]);
  if (missing.length > 0) {
    const target = options.preset.name === 'generic' ? 'A SCIM target' : `The ${options.preset.name} target`;
    throw new ConnectorError(
      'invalid',
      `${target} requires ${missing.join(', ')} for every ${type}, and this ${type} has no value for ${missing.length > 1 ? 'them' : 'it'}. Map ${missing.length > 1 ? 'these attributes' : 'this attribute'} in the provisioning rule.`,
    );
  }
  return options.version === '1.1' ? resourceToV1(shaped) : shaped;
}
