// Public surface of the v1 module: SCIM 1.1 ⇄ 2.0 wire conversion.
export {
  v1ResourceTypeOf,
  schemaUrnFromV1,
  schemaUrnToV1,
  v2CoreSchemaOf,
  type V1ResourceType,
} from './v1-schema-urns.js';
export { booleanFromV1, type V1ConversionOptions } from './attribute-value-mapping.js';
export { groupFromV1, resourceFromV1, userFromV1 } from './resource-from-v1.js';
export { groupToV1, resourceToV1, userToV1, type ScimV1Resource } from './resource-to-v1.js';
export {
  listResponseFromV1,
  listResponseToV1,
  type ScimV1ListResponse,
  type V2ListResponseBody,
  type V2ListResponseInput,
} from './v1-list-response.js';
export { attributePathFromV1, attributePathToV1 } from './v1-attribute-path.js';
export { patchRequestFromV1, type PatchFromV1Options } from './patch-request-from-v1.js';
export { patchRequestToV1, type PatchToV1Options } from './patch-request-to-v1.js';
export type { ScimV1PatchBody } from './v1-patch-body-builder.js';
export {
  serviceProviderConfigFromV1,
  serviceProviderConfigToV1,
  type ScimV1ServiceProviderConfig,
  type V2AuthenticationScheme,
  type V2Feature,
  type V2ServiceProviderConfigBody,
  type V2ServiceProviderConfigInput,
} from './v1-service-provider-config.js';
