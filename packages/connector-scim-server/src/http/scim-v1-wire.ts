import {
  listResponseToV1,
  patchRequestFromV1,
  resourceFromV1,
  resourceToV1,
  SCIM_V1_CORE_SCHEMA,
  serviceProviderConfigToV1,
  type SchemaRegistry,
  type ScimError,
} from '@idsync/scim';
import type { ScimWire } from './scim-wire.js';

/**
 * SCIM 1.1 as PingFederate-era clients speak it: `urn:scim:schemas:core:1.0` resources with
 * string booleans, 1.1 PATCH (a partial resource with `meta.attributes` and
 * `"operation":"delete"`), `Errors` arrays, `/ServiceProviderConfigs`, and Bulk messages under
 * the 1.1 core URN with `status: { code }`. Conversion is @idsync/scim's v1 codecs.
 */
export function scimV1Wire(registry: SchemaRegistry): ScimWire {
  return {
    version: '1.1',
    mediaType: 'application/json',
    resourceIn: (body, type) => resourceFromV1(body, type, { registry }),
    resourceOut: (resource) => resourceToV1(resource),
    listOut: (list) => listResponseToV1(list),
    patchIn: (body, current, type) => patchRequestFromV1(body, current, { resourceType: type, registry }),
    errorOut: (error: ScimError) => error.toV1Body(),
    serviceProviderConfigOut: (config) => {
      const { schemas: _schemas, meta: _meta, ...capabilities } = config;
      return serviceProviderConfigToV1(capabilities);
    },
    bulkRequestUrn: SCIM_V1_CORE_SCHEMA,
    bulkResponseUrn: SCIM_V1_CORE_SCHEMA,
    bulkStatusOut: (status) => ({ code: String(status) }),
  };
}
