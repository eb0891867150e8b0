import type { ScimPreset } from './scim-preset.js';
import { RFC_REQUIRED } from './required-attributes.js';

/** A target that follows RFC 7643/7644: every filter, startIndex paging, members on the group. */
export const GENERIC_PRESET: ScimPreset = {
  name: 'generic',
  filter: {
    operators: new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']),
    present: true,
    not: true,
    or: true,
    and: true,
    valuePath: true,
  },
  paging: 'index',
  defaultMembersPerRequest: 1000,
  groupMembers: 'attribute',
  memberRemoval: 'value-filter',
  groupRename: 'update',
  groupReplace: 'put',
  requiredAttributes: RFC_REQUIRED,
  shapeOutgoing: (_type, resource) => resource,
};
