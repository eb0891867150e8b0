import {
  BULK_REQUEST_URN,
  BULK_RESPONSE_URN,
  normalisePatchRequest,
  SCIM_MEDIA_TYPE,
  type ScimError,
} from '@idsync/scim';
import type { ScimWire } from './scim-wire.js';

/** SCIM 2.0 (RFC 7643/7644): the canonical form travels as it is. */
export const SCIM_V2_WIRE: ScimWire = {
  version: '2.0',
  mediaType: SCIM_MEDIA_TYPE,
  resourceIn: (body) => body,
  resourceOut: (resource) => resource,
  listOut: (list) => list,
  patchIn: (body) => normalisePatchRequest(body),
  errorOut: (error: ScimError) => error.toV2Body(),
  serviceProviderConfigOut: (config) => config,
  bulkRequestUrn: BULK_REQUEST_URN,
  bulkResponseUrn: BULK_RESPONSE_URN,
  bulkStatusOut: (status) => String(status),
};
