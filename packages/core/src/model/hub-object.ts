import type { ScimResource } from '@idsync/scim';
import type { ObjectType } from './object-type.js';

/**
 * A user or group of the hub directory. The canonical form is a SCIM 2.0 resource
 * (core attributes, the enterprise extension and custom extensions under their URNs);
 * `resource.id` is always the hub id. Group members live in `resource.members`.
 */
export interface HubObject {
  /** The hub id (a UUID), the same as `resource.id`. */
  readonly id: string;
  readonly type: ObjectType;
  /** The population the object belongs to (PingOne-style); every hub object has one. */
  readonly populationId: string;
  readonly resource: ScimResource;
  /** Incremented on every change; the ETag of the SCIM server is derived from it. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A population: a named partition of the hub, used for scoping rules and confining clients. */
export interface Population {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** The population new objects land in when a source does not say. */
  readonly isDefault: boolean;
}
