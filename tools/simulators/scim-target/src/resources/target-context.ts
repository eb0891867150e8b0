import type { PaginationLimits, SchemaRegistry } from '@idsync/scim';
import type { Clock, ScimVersion } from '../options/scim-target-options.js';
import type { PolicyContext } from '../profiles/target-policy.js';
import type { TargetProfile } from '../profiles/target-profile.js';
import type { ResourceTypeName } from '../store/resource-collection.js';
import type { TargetStore } from '../store/target-store.js';
import type { WireCodec } from '../wire/wire-codec.js';

/** What the resource operations need to know about the running target. */
export interface TargetContext {
  readonly version: ScimVersion;
  readonly profile: TargetProfile;
  readonly registry: SchemaRegistry;
  readonly store: TargetStore;
  readonly codec: WireCodec;
  readonly clock: Clock;
  readonly etag: boolean;
  readonly patchEnabled: boolean;
  readonly patchUnsupportedStatus: 501 | 405;
  readonly limits: PaginationLimits;
  /** The SCIM base URL once the server listens, e.g. `http://127.0.0.1:40123/scim/v2`. */
  baseUrl(): string;
}

/** An answer of a resource operation, already in wire form; routes only send it. */
export interface Outcome {
  readonly status: number;
  readonly body?: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

export function policyContext(context: TargetContext, resourceType: ResourceTypeName): PolicyContext {
  return { resourceType, store: context.store, registry: context.registry };
}

/** The endpoint segment of a resource type: `Users` or `Groups`. */
export function endpointOf(resourceType: ResourceTypeName): string {
  return resourceType === 'User' ? 'Users' : 'Groups';
}
