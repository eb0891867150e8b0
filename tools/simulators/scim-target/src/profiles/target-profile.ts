import type { PaginationLimits } from '@idsync/scim';
import type { ErrorStyle } from '../errors/error-style.js';
import type { ScimVersion } from '../options/scim-target-options.js';
import type { ResourceTypeName } from '../store/resource-collection.js';
import type { ListPager } from './list-pager.js';
import type { TargetPolicy } from './target-policy.js';

/**
 * A vendor's behaviour: its rules (policies) plus the handful of choices every request makes —
 * how errors look, how lists page, whether sorting and attribute selection are honoured, what
 * PATCH and DELETE answer.
 */
export interface TargetProfile {
  readonly name: string;
  /** The SCIM versions the vendor speaks. */
  readonly versions: readonly ScimVersion[];
  readonly policies: readonly TargetPolicy[];
  readonly errorStyle: ErrorStyle;
  readonly pager: ListPager;
  readonly limits: PaginationLimits;
  /** False: `sortBy` is ignored (the vendor does not sort) and the ServiceProviderConfig says so. */
  readonly sorting: boolean;
  /** False: `attributes` / `excludedAttributes` are ignored. */
  readonly attributeSelection: boolean;
  /** 200 with the resource, or 204 without a body, per resource type. */
  readonly patchStatus: Readonly<Record<ResourceTypeName, 200 | 204>>;
  /** `remove` deletes; `deactivate` keeps the user hidden and inactive (later calls 404). */
  readonly userDeletion: 'remove' | 'deactivate';
  /** Whether `POST /Users/.search` and `/Groups/.search` are served. */
  readonly searchEndpoint: boolean;
  /** What `/Bulk`, `/Me` and `/.search` answer when not served. */
  readonly unsupportedEndpointStatus: 404 | 501;
  /** Whether the target refuses a member that is not an existing user or group (400). */
  readonly checkMemberReferences: boolean;
  readonly documentationUri?: string;
}
