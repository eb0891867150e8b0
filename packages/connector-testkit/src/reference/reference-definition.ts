import type { ConnectorContext, ConnectorDefinition } from '@idsync/core';
import { toReferenceConfig } from './config.js';
import { REFERENCE_MANIFEST } from './manifest.js';
import { ReferenceConnector } from './reference-connector.js';
import type { ReferenceStores } from './reference-stores.js';

/**
 * The plugin: its manifest and a factory. Each connection gets its own connector instance over
 * the store its `config.name` names, taken from `stores` so a test can reach the same store.
 */
export function createReferenceDefinition(stores: ReferenceStores): ConnectorDefinition {
  return {
    manifest: REFERENCE_MANIFEST,
    create(settings: Record<string, unknown>, context: ConnectorContext): ReferenceConnector {
      const config = toReferenceConfig(settings);
      return new ReferenceConnector(stores.open(config.name, config.accessKey), config, context);
    },
  };
}
