import type { ObjectType } from '@idsync/core';
import type {
  ListResponse,
  PatchOperation,
  ScimError,
  ScimResource,
  ServiceProviderConfigResource,
} from '@idsync/scim';

/**
 * What differs between the SCIM 2.0 and SCIM 1.1 mounts: the wire form of resources, lists,
 * PATCH bodies, errors, Bulk messages and the service provider configuration. Everything
 * behind it — validation, the hub, confinement — works on canonical SCIM 2.0 resources only.
 */
export interface ScimWire {
  readonly version: '2.0' | '1.1';
  /** The media type answers carry when the client accepts it (else `application/json`). */
  readonly mediaType: string;
  /** A POST/PUT body (or Bulk `data`) in canonical 2.0 shape, before schema validation. */
  resourceIn(body: unknown, type: ObjectType): unknown;
  /** A canonical resource, already projected, in this version's wire form. */
  resourceOut(resource: ScimResource): unknown;
  listOut(list: ListResponse<ScimResource>): unknown;
  /** A PATCH body as 2.0 operations; `current` is what the client can see of the resource. */
  patchIn(body: unknown, current: ScimResource, type: ObjectType): PatchOperation[];
  errorOut(error: ScimError): unknown;
  serviceProviderConfigOut(config: ServiceProviderConfigResource): unknown;
  /** URNs a Bulk request must carry and a Bulk response carries. */
  readonly bulkRequestUrn: string;
  readonly bulkResponseUrn: string;
  /** The `status` of one Bulk response operation. */
  bulkStatusOut(status: number): unknown;
}
