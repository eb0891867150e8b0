import { validateConnectorConfig } from '@idsync/core';
import { toLdapConfig, type LdapConfig } from '../config.js';
import { LDAP_MANIFEST } from '../manifest.js';

/** A configuration for unit tests that never connect. */
export function unitConfig(settings: Readonly<Record<string, unknown>> = {}): LdapConfig {
  return toLdapConfig(
    validateConnectorConfig(LDAP_MANIFEST, {
      urls: ['ldap://ldap.invalid'],
      bindDn: 'cn=admin,dc=example,dc=org',
      bindPassword: 'unused-password',
      baseDn: 'dc=example,dc=org',
      userBaseDn: 'ou=people,dc=example,dc=org',
      groupBaseDn: 'ou=groups,dc=example,dc=org',
      ...settings,
    }),
  );
}
