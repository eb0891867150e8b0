import type { ServiceIdentifier } from 'inversify';
import type { ConnectorDefinition } from './connector-definition.js';

/**
 * Connector plugins are inversify `ContainerModule`s that bind their definition to this token
 * (several bindings, one per plugin). Core only ever sees the token, never a connector package.
 */
export const CONNECTOR_DEFINITION: ServiceIdentifier<ConnectorDefinition> = Symbol.for(
  'idsync.ConnectorDefinition',
);
