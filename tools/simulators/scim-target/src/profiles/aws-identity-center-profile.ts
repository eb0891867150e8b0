import { awsErrorStyle } from '../errors/aws-error-style.js';
import { awsCursorPager } from './aws-cursor-pager.js';
import { awsFilterRules } from './policies/aws-filter-rules.js';
import { awsGroupPatchRules } from './policies/aws-group-patch-rules.js';
import { awsGroupRules } from './policies/aws-group-rules.js';
import { awsUserPatchRules } from './policies/aws-user-patch-rules.js';
import { awsUserRequirements } from './policies/aws-user-requirements.js';
import { uniqueGroupDisplayName, uniqueUserName } from './policies/unique-attribute.js';
import type { TargetProfile } from './target-profile.js';

/**
 * AWS IAM Identity Center's SCIM endpoint, after its SCIM implementation developer guide (see
 * docs/target-apis.md §4): restricted filters, cursor paging with count 1–100 and no startIndex,
 * required name parts, single-valued emails/phones/addresses, empty members on group reads,
 * PatchGroup limits, no PUT on groups, no sorting, no attribute selection, no /Bulk, /Me or
 * /.search (404), PatchGroup answering 204, errors named ValidationException, ConflictException,
 * ThrottlingException.
 */
export const awsIdentityCenterProfile: TargetProfile = {
  name: 'aws-identity-center',
  versions: ['2.0'],
  policies: [
    awsFilterRules,
    awsUserRequirements,
    awsUserPatchRules,
    awsGroupRules,
    awsGroupPatchRules,
    uniqueUserName,
    uniqueGroupDisplayName,
  ],
  errorStyle: awsErrorStyle,
  pager: awsCursorPager,
  limits: { defaultCount: 100, maxCount: 100 },
  sorting: false,
  attributeSelection: false,
  patchStatus: { User: 200, Group: 204 },
  userDeletion: 'remove',
  searchEndpoint: false,
  unsupportedEndpointStatus: 404,
  checkMemberReferences: true,
  documentationUri: 'https://docs.aws.amazon.com/singlesignon/latest/developerguide/what-is-scim.html',
};
