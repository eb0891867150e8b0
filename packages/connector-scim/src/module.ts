import { CONNECTOR_DEFINITION } from '@idsync/core';
import { ContainerModule } from 'inversify';
import { SCIM_DEFINITION } from './scim-definition.js';

/** Registers the SCIM connector plugin: one binding of its definition to the connector token. */
export const scimConnectorModule = new ContainerModule(({ bind }) => {
  bind(CONNECTOR_DEFINITION).toConstantValue(SCIM_DEFINITION);
});
