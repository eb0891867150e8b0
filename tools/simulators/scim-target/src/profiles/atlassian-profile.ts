import { scimErrorStyle } from '../errors/error-style.js';
import { indexPager } from './list-pager.js';
import { atlassianFilterRules } from './policies/atlassian-filter-rules.js';
import { noGroupRename } from './policies/no-group-rename.js';
import { uniqueGroupDisplayName, uniqueUserName } from './policies/unique-attribute.js';
import type { TargetProfile } from './target-profile.js';

/**
 * Atlassian Cloud's user provisioning SCIM API (see docs/target-apis.md §4): one `eq` filter on
 * userName/externalId (users) or displayName (groups), no sorting, 100 per page by 1-based
 * startIndex, 409 on a duplicate user or group name, DELETE of a user deactivates it for good
 * (later calls 404; the name may be used again), and group renames refused.
 */
export const atlassianProfile: TargetProfile = {
  name: 'atlassian',
  versions: ['2.0'],
  policies: [atlassianFilterRules, uniqueUserName, uniqueGroupDisplayName, noGroupRename],
  errorStyle: scimErrorStyle,
  pager: indexPager,
  limits: { defaultCount: 100, maxCount: 100 },
  sorting: false,
  attributeSelection: true,
  patchStatus: { User: 200, Group: 200 },
  userDeletion: 'deactivate',
  searchEndpoint: false,
  unsupportedEndpointStatus: 404,
  checkMemberReferences: true,
  documentationUri: 'https://developer.atlassian.com/cloud/admin/user-provisioning/rest/',
};
