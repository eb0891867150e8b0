import { ScimError } from '@idsync/scim';
import type { ScimCall, ScimHandler, ScimOutcome, ScimRoute } from '../http/scim-call.js';
import { resourceLocation } from '../service/present-resource.js';
import type { MountContext } from './mount-context.js';
import type { ResourceHandlers } from './resource-routes.js';

const notImplemented = (detail: string) => new ScimError(501, undefined, detail);

/**
 * `/Me` (RFC 7644 §3.11): an alias for the hub user the authenticated client is linked to by
 * its `meUserName`. A client with no such link — the usual case for a provisioning client,
 * which is not a person — gets 501, as the RFC allows. Creating oneself (POST) is not offered.
 */
export function meRoutes(context: MountContext, users: ResourceHandlers): ScimRoute[] {
  const aliased =
    (handler: ScimHandler) =>
    async (call: ScimCall): Promise<ScimOutcome> => {
      const userName = call.actor.client.meUserName;
      if (userName === undefined) {
        throw notImplemented(
          `/Me is not available to client "${call.actor.client.id}": it is not linked to a hub user (set "meUserName" in its configuration).`,
        );
      }
      const user = await context.service.findUser(call.actor, userName);
      if (!user) throw ScimError.notFound(`The user "${userName}" that /Me stands for does not exist.`);
      const outcome = await handler({ ...call, params: { id: user.id } });
      // RFC 7644 §3.11: the answer names the resource's permanent location.
      return outcome.status === 204
        ? outcome
        : { ...outcome, location: resourceLocation(call.baseUrl, 'User', user.id) };
    };
  return [
    { method: 'GET', segments: ['Me'], body: 'none', handler: aliased(users.get) },
    { method: 'PUT', segments: ['Me'], body: 'resource', handler: aliased(users.replace) },
    { method: 'PATCH', segments: ['Me'], body: 'resource', handler: aliased(users.patch) },
    { method: 'DELETE', segments: ['Me'], body: 'none', handler: aliased(users.remove) },
    {
      method: 'POST',
      segments: ['Me'],
      body: 'resource',
      handler: async () => {
        throw notImplemented('Creating a user through /Me is not supported; POST to /Users instead.');
      },
    },
  ];
}
