import type { FastifyInstance } from 'fastify';
import { createCoreRegistry } from '@idsync/scim';
import { ClientAuthenticator } from './auth/client-authenticator.js';
import { ClientRateLimiter } from './auth/client-rate-limiter.js';
import { serverCapabilities } from './discovery/server-capabilities.js';
import { scimMountPlugin } from './http/scim-mount-plugin.js';
import { scimV1Wire } from './http/scim-v1-wire.js';
import { SCIM_V2_WIRE } from './http/scim-v2-wire.js';
import { resolveLimits, type ScimServerOptions } from './scim-server-options.js';
import { HubResourceService } from './service/hub-resource-service.js';

/**
 * The inbound SCIM server: identity providers push users and groups into the hub through it.
 * Register it on the sync server's fastify instance:
 *
 * ```ts
 * await app.register(scimServerPlugin, { hub: store.hub, clients, registry });
 * ```
 *
 * It serves SCIM 2.0 at `/scim/v2` and SCIM 1.1 at `/scim/v1` (see `mounts`), each an
 * encapsulated plugin: its parsers, hooks and error handler do not touch the host's other
 * routes. Clients, limits and the rate-limit buckets are shared by both mounts. Configuration
 * mistakes (a client without credentials, a malformed hash, a population that does not exist)
 * fail the registration with a message naming the client.
 */
export async function scimServerPlugin(app: FastifyInstance, options: ScimServerOptions): Promise<void> {
  const registry = options.registry ?? createCoreRegistry();
  const limits = resolveLimits(options.limits);
  const authenticator = new ClientAuthenticator(options.clients);
  const rateLimiter = new ClientRateLimiter();
  for (const client of options.clients) {
    for (const populationId of client.populations ?? []) {
      if (!(await options.hub.getPopulation(populationId))) {
        throw new Error(
          `SCIM client "${client.id}" is confined to population "${populationId}", which does not exist.`,
        );
      }
    }
    if (client.populations && client.populations.length === 0) {
      throw new Error(
        `SCIM client "${client.id}" has an empty "populations" list; leave it out to give the client the whole hub.`,
      );
    }
  }
  const service = new HubResourceService({
    hub: options.hub,
    registry,
    unknownAttributes: options.unknownAttributes ?? 'ignore',
  });
  const capabilities = serverCapabilities(limits, authenticator.schemes());
  const mounts = [
    { prefix: options.mounts?.v2 ?? '/scim/v2', wire: SCIM_V2_WIRE },
    { prefix: options.mounts?.v1 ?? '/scim/v1', wire: scimV1Wire(registry) },
  ];
  for (const { prefix, wire } of mounts) {
    if (prefix === false) continue;
    await app.register(scimMountPlugin, {
      prefix,
      context: { service, registry, wire, limits, capabilities },
      authenticator,
      rateLimiter,
      realm: options.realm ?? 'idsync',
      ...(options.publicUrl !== undefined ? { publicUrl: options.publicUrl } : {}),
    });
  }
}
