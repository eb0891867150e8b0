export * from './errors/scim-error-type.js';
export * from './errors/scim-error.js';
export * from './schema/urns.js';
export * from './schema/attribute-definition.js';
export * from './schema/attribute-path.js';
export * from './schema/common-attributes.js';
export * from './schema/schema-registry.js';
export * from './schema/validate-schema-definition.js';
export * from './resource/scim-resource.js';
export * from './resource/case-insensitive.js';
export * from './filter/filter-ast.js';
export * from './filter/index.js';
export * from './patch/index.js';
export * from './query/index.js';
export * from './v1/index.js';
export * from './resource/assert-attribute-value.js';
export * from './schema/definitions/define-attribute.js';
export * from './schema/definitions/user-schema.js';
export * from './schema/definitions/group-schema.js';
export * from './schema/definitions/enterprise-user-schema.js';
export * from './schema/definitions/service-provider-config-schema.js';
export * from './schema/definitions/resource-type-schema.js';
export * from './schema/definitions/schema-schema.js';
export * from './schema/core-registry.js';
export {
  defineAttribute,
  defineComplex,
  type AttributeOverrides,
} from './schema/definitions/define-attribute.js';
export * from './schema/discovery/service-provider-capabilities.js';
export * from './schema/discovery/discovery-location.js';
export * from './schema/discovery/service-provider-config-resource.js';
export * from './schema/discovery/resource-type-resource.js';
export * from './schema/discovery/schema-resource.js';
export * from './schema/discovery/parse-service-provider-config.js';
export * from './resource/coerce-attribute-value.js';
export * from './resource/validate-resource.js';
