export { SCIM_MANIFEST } from './manifest.js';
export { SCIM_CONFIG_FIELDS } from './config-fields.js';
export {
  toScimConfig,
  type ScimConnectorConfig,
  type ScimPresetName,
  type ScimVersion,
  type AuthMethod,
} from './config.js';
export { ScimConnector } from './scim-connector.js';
export { ScimPatchConnector } from './scim-patch-connector.js';
export {
  createScimDefinition,
  openScimConnector,
  SCIM_DEFINITION,
  type ScimConnectorDefinition,
  type ScimDefinitionOptions,
} from './scim-definition.js';
export { scimConnectorModule } from './module.js';
