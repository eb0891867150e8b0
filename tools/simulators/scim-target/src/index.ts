// Public surface of @idsync/scim-target: start a vendor-like SCIM target, inspect and steer it.
export { startScimTarget, type ScimTarget } from './start-scim-target.js';
export type {
  Clock,
  PageSizeOptions,
  ProfileName,
  RateLimitOptions,
  ScimTargetOptions,
  ScimVersion,
} from './options/scim-target-options.js';
export type { AuthOptions } from './auth/auth-options.js';
export type { FaultConfig, FailNextRule, RequestMatcher } from './faults/fault-config.js';
export type { LoggedRequest, RequestLog } from './log/request-log.js';
export { TargetStore, membersOf, type StoredMember } from './store/target-store.js';
export type { ResourceCollection, ResourceTypeName, SeedResource } from './store/resource-collection.js';

// Profiles and the policies they are made of, to compose custom profiles.
export type { TargetProfile } from './profiles/target-profile.js';
export type {
  PolicyContext,
  ResourceWrite,
  TargetOperation,
  TargetPolicy,
} from './profiles/target-policy.js';
export { BUILTIN_PROFILES, profileNamed } from './profiles/builtin-profiles.js';
export { rfcProfile } from './profiles/rfc-profile.js';
export { awsIdentityCenterProfile } from './profiles/aws-identity-center-profile.js';
export { atlassianProfile } from './profiles/atlassian-profile.js';
export {
  indexPager,
  type ListPager,
  type Page,
  type PageInfo,
  type PageRequest,
} from './profiles/list-pager.js';
export { awsCursorPager } from './profiles/aws-cursor-pager.js';
export {
  uniqueAttribute,
  uniqueGroupDisplayName,
  uniqueUserName,
} from './profiles/policies/unique-attribute.js';
export { awsFilterRules } from './profiles/policies/aws-filter-rules.js';
export { awsUserRequirements } from './profiles/policies/aws-user-requirements.js';
export { awsUserPatchRules } from './profiles/policies/aws-user-patch-rules.js';
export { awsGroupRules } from './profiles/policies/aws-group-rules.js';
export { awsGroupPatchRules } from './profiles/policies/aws-group-patch-rules.js';
export { atlassianFilterRules } from './profiles/policies/atlassian-filter-rules.js';
export { noGroupRename } from './profiles/policies/no-group-rename.js';
export { scimErrorStyle, type ErrorStyle } from './errors/error-style.js';
export { awsErrorStyle } from './errors/aws-error-style.js';
