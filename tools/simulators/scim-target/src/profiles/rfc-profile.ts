import { scimErrorStyle } from '../errors/error-style.js';
import { indexPager } from './list-pager.js';
import { uniqueUserName } from './policies/unique-attribute.js';
import type { TargetProfile } from './target-profile.js';

/**
 * A conformant RFC 7643/7644 service provider: the full filter grammar, sorting, attribute
 * selection, `.search`, PATCH with value paths and `noTarget`, case-insensitive userName
 * uniqueness (409), index paging, and — with the `etag` option — ETags with 412 on a stale
 * If-Match. It is the reference the vendor profiles deviate from.
 */
export const rfcProfile: TargetProfile = {
  name: 'rfc',
  versions: ['2.0', '1.1'],
  policies: [uniqueUserName],
  errorStyle: scimErrorStyle,
  pager: indexPager,
  limits: { defaultCount: 100, maxCount: 1000 },
  sorting: true,
  attributeSelection: true,
  patchStatus: { User: 200, Group: 200 },
  userDeletion: 'remove',
  searchEndpoint: true,
  unsupportedEndpointStatus: 501,
  checkMemberReferences: true,
};
