export { LDAP_MANIFEST } from './manifest.js';
export { LDAP_DEFINITION } from './ldap-definition.js';
export { ldapConnectorModule } from './module.js';
export { LdapConnector } from './ldap-connector.js';
export { toLdapConfig, type LdapConfig } from './config.js';
export {
  ACTIVE_DIRECTORY_PRESET,
  OPENLDAP_PRESET,
  LDAP_USER_EXTENSION,
  type DirectoryPreset,
  type DisableMode,
} from './layout/directory-preset.js';
export { deleteDetectionOf } from './changes/change-token.js';
export { escapeFilterValue } from './escape/escape-filter-value.js';
export { escapeDnValue, parseDn, formatDn, sameDn } from './escape/distinguished-name.js';
export { guidBytesToText, guidTextToBytes } from './active-directory/object-guid.js';
