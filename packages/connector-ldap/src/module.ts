import { CONNECTOR_DEFINITION } from '@idsync/core';
import { ContainerModule } from 'inversify';
import { LDAP_DEFINITION } from './ldap-definition.js';

/** Registers the LDAP connector: one binding of its definition to the connector token. */
export const ldapConnectorModule = new ContainerModule(({ bind }) => {
  bind(CONNECTOR_DEFINITION).toConstantValue(LDAP_DEFINITION);
});
