import type { ScimResource } from '@idsync/scim';
import type { ScimPreset } from './scim-preset.js';
import { RFC_REQUIRED } from './required-attributes.js';

/** AWS refuses a user without these ("Request is unparsable, syntactically incorrect, or violates schema"). */
const AWS_REQUIRED_USER = ['userName', 'displayName', 'name.givenName', 'name.familyName'];
/** Attributes AWS does not support; sending them fails the whole request. */
const AWS_UNSUPPORTED_USER = new Set([
  'photos',
  'ims',
  'entitlements',
  'x509certificates',
  'password',
  'groups',
]);
/** AWS keeps one email, one phone number and one address per user. */
const AWS_SINGLE_VALUED = new Set(['emails', 'phonenumbers', 'addresses']);

function primaryOnly(values: unknown): unknown {
  if (!Array.isArray(values) || values.length <= 1) return values;
  const primary = values.find((value) => (value as { primary?: unknown })?.primary === true);
  return [primary ?? values[0]];
}

/**
 * AWS IAM Identity Center: required name parts and displayName, one email/phone/address,
 * `eq` filters only (joined by `and`) on a few attributes, cursor paging of at most 100,
 * group reads without members, at most 100 membership changes per PATCH.
 */
export const AWS_IDENTITY_CENTER_PRESET: ScimPreset = {
  name: 'aws-identity-center',
  filter: {
    operators: new Set(['eq']),
    present: false,
    not: false,
    or: false,
    and: true,
    valuePath: false,
    attributes: {
      User: ['username', 'externalid', 'groups.value', 'id', 'manager', 'manager.value'],
      Group: ['displayname', 'externalid', 'id', 'members', 'members.value'],
    },
  },
  paging: 'cursor',
  maxPageSize: 100,
  defaultMembersPerRequest: 100,
  maxMembersPerRequest: 100,
  groupMembers: 'user-filter',
  memberRemoval: 'value-list',
  groupRename: 'update',
  knownCapabilities: {
    patch: { supported: true },
    etag: { supported: false },
    sort: { supported: false },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  },
  groupReplace: 'patch',
  requiredAttributes: { User: AWS_REQUIRED_USER, Group: RFC_REQUIRED.Group },
  shapeOutgoing(type, resource) {
    if (type !== 'User') return resource;
    const shaped: ScimResource = { schemas: resource.schemas };
    for (const [key, value] of Object.entries(resource)) {
      const name = key.toLowerCase();
      if (key === 'schemas' || AWS_UNSUPPORTED_USER.has(name)) continue;
      shaped[key] = (AWS_SINGLE_VALUED.has(name) ? primaryOnly(value) : value) as ScimResource[string];
    }
    return shaped;
  },
};
