import { hashScimSecret, scimServerPlugin, type ScimClientConfig } from '@idsync/connector-scim-server';
import type { HubStore } from '@idsync/core';
import type { SchemaRegistry } from '@idsync/scim';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config/config-schema.js';

/**
 * The SCIM inbound server (`@idsync/connector-scim-server`) mounted at `/scim/v2` and
 * `/scim/v1`. Clients' tokens and passwords come from the config in clear (usually `${VAR}`)
 * and are handed to the plugin only as hashes.
 */
export function scimInboundMount(
  scim: ServerConfig['server']['scim'],
  hub: HubStore,
  registry: SchemaRegistry,
) {
  return async (app: FastifyInstance): Promise<void> => {
    if (!scim.enabled) return;
    const clients: ScimClientConfig[] = scim.clients.map((client) => ({
      id: client.id,
      bearerTokenHashes: client.bearerTokens.map((token) => hashScimSecret(token)),
      ...(client.basic
        ? { basic: { username: client.basic.username, passwordHash: hashScimSecret(client.basic.password) } }
        : {}),
      ...(client.populations ? { populations: client.populations } : {}),
      ...(client.rateLimit ? { rateLimit: client.rateLimit } : {}),
      ...(client.meUserName ? { meUserName: client.meUserName } : {}),
    }));
    await app.register(scimServerPlugin, {
      hub,
      clients,
      registry,
      ...(scim.publicUrl ? { publicUrl: scim.publicUrl } : {}),
    });
  };
}
