import { CONNECTOR_DEFINITION } from '@idsync/core';
import { ContainerModule } from 'inversify';
import { createReferenceDefinition } from './reference-definition.js';
import { ReferenceStores } from './reference-stores.js';

/**
 * The inversify module that registers the reference connector: one binding of its definition
 * to `CONNECTOR_DEFINITION`, which is how every plugin registers. Pass the `ReferenceStores`
 * a test wants to inspect; an app that only runs demos can let it make its own.
 */
export function createReferenceConnectorModule(
  stores: ReferenceStores = new ReferenceStores(),
): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(CONNECTOR_DEFINITION).toConstantValue(createReferenceDefinition(stores));
  });
}
