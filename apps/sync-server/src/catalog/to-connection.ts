import {
  DEFAULT_CONNECTION_PREFERENCES,
  DEFAULT_DELETION_GUARD,
  DEFAULT_EXECUTION_SETTINGS,
  validateConnectorConfig,
  type Connection,
  type ConnectorManifest,
} from '@idsync/core';
import type { ConnectionDefinition } from '../config/config-schema.js';

/**
 * The engine's Connection for a definition from the file or the admin API: the connector's
 * settings validated against its manifest (defaults applied, every problem named under
 * `connections.<name>.config`), the preferences and limits merged over the defaults. The
 * manifest's default rate limit and concurrency apply unless the definition sets its own.
 */
export function toConnection(definition: ConnectionDefinition, manifest: ConnectorManifest): Connection {
  const declared = manifest.capabilities;
  return {
    id: definition.name,
    name: definition.displayName ?? definition.name,
    connectorId: definition.connector,
    config: validateConnectorConfig(manifest, definition.config, `connections.${definition.name}.config`),
    preferences: { ...DEFAULT_CONNECTION_PREFERENCES, ...definition.preferences },
    deletionGuard: { ...DEFAULT_DELETION_GUARD, ...definition.deletionGuard },
    execution: {
      ...DEFAULT_EXECUTION_SETTINGS,
      ...(declared.maxConcurrency ? { maxConcurrency: declared.maxConcurrency } : {}),
      ...(declared.rateLimit
        ? { requestsPerSecond: declared.rateLimit.requestsPerSecond, burst: declared.rateLimit.burst }
        : {}),
      ...definition.execution,
    },
  };
}
