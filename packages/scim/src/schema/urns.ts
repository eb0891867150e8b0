/** Schema and message URNs of SCIM 2.0 (RFC 7643 / 7644) and SCIM 1.1. */
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const SERVICE_PROVIDER_CONFIG_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
export const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

export const LIST_RESPONSE_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SEARCH_REQUEST_URN = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const PATCH_OP_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const BULK_REQUEST_URN = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const BULK_RESPONSE_URN = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';
export const SCIM_V2_ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** SCIM 1.1 uses one core schema for User and Group, and an enterprise extension. */
export const SCIM_V1_CORE_SCHEMA = 'urn:scim:schemas:core:1.0';
export const SCIM_V1_ENTERPRISE_SCHEMA = 'urn:scim:schemas:extension:enterprise:1.0';
export const SCIM_V1_ERROR_URN = 'urn:scim:schemas:core:1.0';

export const SCIM_MEDIA_TYPE = 'application/scim+json';
