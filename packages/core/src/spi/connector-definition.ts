import type { Connector } from './connector-operations.js';
import type { ConnectorManifest } from './connector-manifest.js';

/** Where a connector instance runs: which connection it serves, and a logger that never sees secrets. */
export interface ConnectorContext {
  readonly connectionId: string;
  readonly log: (
    level: 'debug' | 'info' | 'warn' | 'error',
    message: string,
    fields?: Record<string, unknown>,
  ) => void;
}

/**
 * A connector plugin: its manifest and a factory for instances. Configuration arrives already
 * validated against `manifest.configFields` (see `validateConnectorConfig`), secrets decrypted.
 */
export interface ConnectorDefinition<Config = Record<string, unknown>> {
  readonly manifest: ConnectorManifest;
  /**
   * Makes an instance for one connection. Must not connect or do I/O: instances are also made
   * to read their capabilities; connecting happens on the first operation.
   */
  create(config: Config, context: ConnectorContext): Connector;
  /**
   * Optional asynchronous factory for connectors whose operations depend on what the store
   * says about itself (a SCIM target that does or does not accept PATCH). Applications call it
   * in preference to `create` when it exists; it may do I/O.
   */
  open?(config: Config, context: ConnectorContext): Promise<Connector>;
}
