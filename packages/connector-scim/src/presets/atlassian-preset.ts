import type { ScimPreset } from './scim-preset.js';
import { RFC_REQUIRED } from './required-attributes.js';

/**
 * Atlassian Cloud (user provisioning): one `eq` filter on `userName` or `externalId` for users
 * and on `displayName` for groups, no sorting, pages of 100, and no group rename — a renamed
 * group is created anew, its members moved, and the old one deleted.
 */
export const ATLASSIAN_PRESET: ScimPreset = {
  name: 'atlassian',
  filter: {
    operators: new Set(['eq']),
    present: false,
    not: false,
    or: false,
    and: false,
    valuePath: false,
    attributes: { User: ['username', 'externalid'], Group: ['displayname'] },
  },
  paging: 'index',
  maxPageSize: 100,
  defaultMembersPerRequest: 1000,
  groupMembers: 'attribute',
  memberRemoval: 'value-filter',
  groupRename: 'recreate',
  knownCapabilities: { sort: { supported: false } },
  groupReplace: 'put',
  requiredAttributes: RFC_REQUIRED,
  shapeOutgoing: (_type, resource) => resource,
};
