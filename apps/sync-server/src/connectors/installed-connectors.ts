import { ConnectorRegistry } from '@idsync/core';
import { ldapConnectorModule } from '@idsync/connector-ldap';
import { scimConnectorModule } from '@idsync/connector-scim';
import { createReferenceConnectorModule, ReferenceStores } from '@idsync/connector-testkit';
import { Container, type ContainerModule } from 'inversify';

/**
 * The connector plugins this server ships with: one line each. Core never imports a
 * connector; the app decides which ones to load, and the registry finds them by manifest id.
 * The reference connector (in-memory) is there for demos and trying rules without a real store.
 */
export function installedConnectorModules(referenceStores = new ReferenceStores()): ContainerModule[] {
  return [scimConnectorModule, ldapConnectorModule, createReferenceConnectorModule(referenceStores)];
}

/** A container with the given connector modules loaded and the registry that finds them. */
export async function createConnectorRegistry(
  modules: readonly ContainerModule[] = installedConnectorModules(),
): Promise<ConnectorRegistry> {
  const container = new Container();
  await container.load(...modules);
  container.bind(ConnectorRegistry).toSelf().inSingletonScope();
  return container.get(ConnectorRegistry);
}
