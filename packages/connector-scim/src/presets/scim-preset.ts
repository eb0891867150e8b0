import type { ObjectType } from '@idsync/core';
import type { ComparisonOperator, ScimResource, ServiceProviderCapabilities } from '@idsync/scim';
import type { ScimPresetName } from '../config.js';

/** Which filters a target takes, beyond what its ServiceProviderConfig can say. */
export interface FilterDialect {
  readonly operators: ReadonlySet<ComparisonOperator>;
  /** `pr`, `not`, `or`, `attr[subfilter]` and `and`. */
  readonly present: boolean;
  readonly not: boolean;
  readonly or: boolean;
  readonly and: boolean;
  readonly valuePath: boolean;
  /** The attributes a filter may name per type (lower-case, dotted), or undefined for any. */
  readonly attributes?: Readonly<Record<ObjectType, readonly string[]>>;
}

/**
 * What sets one family of SCIM targets apart from RFC 7644: filter dialect, paging, how group
 * members are read and changed, how a group is renamed, what a valid user needs. Everything a
 * target can say about itself comes from discovery; a preset holds what it cannot.
 */
export interface ScimPreset {
  readonly name: ScimPresetName;
  /** The filter dialect on a 2.0 target; 1.1 targets get the 1.1 operators whatever the preset. */
  readonly filter: FilterDialect;
  /** `index`: startIndex/count; `cursor`: AWS's `cursor`/`nextCursor`. */
  readonly paging: 'index' | 'cursor';
  /** Largest page the target serves, capping config.pageSize. */
  readonly maxPageSize?: number;
  /** Membership changes per PATCH when config.maxMembersPerRequest is not set. */
  readonly defaultMembersPerRequest: number;
  /** A hard limit config.maxMembersPerRequest cannot exceed. */
  readonly maxMembersPerRequest?: number;
  /**
   * `attribute`: the group's `members`. `user-filter`: the target returns groups without
   * members (AWS), so members are the users matching `groups.value eq "<group id>"`.
   */
  readonly groupMembers: 'attribute' | 'user-filter';
  /** `value-filter`: `remove members[value eq "…"]` per member; `value-list`: `remove members` with the values. */
  readonly memberRemoval: 'value-filter' | 'value-list';
  /** `recreate`: the target cannot rename a group (Atlassian): create a new one, move members, delete the old. */
  readonly groupRename: 'update' | 'recreate';
  /** `patch`: the target has no PUT for groups (AWS); a group replace is sent as PATCH of its attributes. */
  readonly groupReplace: 'put' | 'patch';
  /**
   * Attributes (dotted paths) every object of a type must have: a create or replace without
   * one, or a PATCH removing one, is refused with `invalid` before any request.
   */
  readonly requiredAttributes: Readonly<Record<ObjectType, readonly string[]>>;
  /** Capabilities to assume when the target has no ServiceProviderConfig. */
  readonly fallbackCapabilities?: ServiceProviderCapabilities;
  /** Capabilities the target has whatever its ServiceProviderConfig says (its documentation is the authority). */
  readonly knownCapabilities?: Partial<Pick<ServiceProviderCapabilities, 'patch' | 'etag' | 'sort' | 'bulk'>>;
  /** Drops or trims what the target does not take (AWS: one email, no photos). */
  shapeOutgoing(type: ObjectType, resource: ScimResource): ScimResource;
}
