import type { ConnectorContext, ConnectorDefinition } from '@idsync/core';
import { toLdapConfig } from './config.js';
import { LdapConnector } from './ldap-connector.js';
import { LDAP_MANIFEST } from './manifest.js';

/**
 * The plugin: its manifest and a factory. `create` builds the structured configuration (which
 * throws a `ConfigError` naming each bad key) but does not connect: the engine makes instances
 * freely, and the connector connects on its first call.
 */
export const LDAP_DEFINITION: ConnectorDefinition = {
  manifest: LDAP_MANIFEST,
  create(settings: Record<string, unknown>, context: ConnectorContext): LdapConnector {
    return new LdapConnector(toLdapConfig(settings), context);
  },
};
