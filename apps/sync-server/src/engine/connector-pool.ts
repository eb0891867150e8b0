import { createHash } from 'node:crypto';
import type {
  Connection,
  ConnectorContext,
  ConnectorRegistry,
  Connector,
  ConnectorManifest,
} from '@idsync/core';

export type ConnectorLog = (connectionId: string) => ConnectorContext['log'];

interface Opened {
  readonly fingerprint: string;
  readonly connector: Promise<Connector>;
  readonly manifest: ConnectorManifest;
}

/**
 * One connector instance per connection, opened on first use (with the plugin's async `open`
 * when it has one — the SCIM connector discovers PATCH support there) and kept while the
 * connection's settings stay the same. A changed connection gets a new instance; the old one
 * is closed. A failed open is not cached, so the next run tries again.
 */
export class ConnectorPool {
  private readonly opened = new Map<string, Opened>();

  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly log: ConnectorLog,
  ) {}

  async get(connection: Connection): Promise<{ connector: Connector; manifest: ConnectorManifest }> {
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([connection.connectorId, connection.config]))
      .digest('hex');
    const current = this.opened.get(connection.id);
    if (current?.fingerprint === fingerprint)
      return { connector: await current.connector, manifest: current.manifest };
    if (current) await this.close(connection.id);
    const definition = this.registry.get(connection.connectorId);
    const context: ConnectorContext = { connectionId: connection.id, log: this.log(connection.id) };
    const connector = definition.open
      ? definition.open(connection.config, context)
      : Promise.resolve(definition.create(connection.config, context));
    const entry: Opened = { fingerprint, connector, manifest: definition.manifest };
    this.opened.set(connection.id, entry);
    try {
      return { connector: await connector, manifest: definition.manifest };
    } catch (error) {
      if (this.opened.get(connection.id) === entry) this.opened.delete(connection.id);
      throw error;
    }
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.opened.keys()].map((id) => this.close(id)));
  }

  /** Closes one connection's instance (a deleted connection); the next `get` opens a new one. */
  async close(id: string): Promise<void> {
    const entry = this.opened.get(id);
    this.opened.delete(id);
    if (!entry) return;
    try {
      const connector = await entry.connector;
      await connector.close?.();
    } catch {
      // An instance that never opened, or fails to close, holds nothing to release.
    }
  }
}
