import { ScimError } from '@idsync/scim';
import type { FastifyInstance } from 'fastify';
import type { TargetRuntime } from '../http/target-runtime.js';

/**
 * `/Bulk`, `/Me` and the root `/.search`, which no profile serves: a conformant server answers
 * 501 Not Implemented (RFC 7644 §3.11 for /Me) and advertises bulk as unsupported; vendors such as
 * AWS and Atlassian answer 404 as for any unknown path.
 */
export function registerUnsupportedRoutes(app: FastifyInstance, runtime: TargetRuntime): void {
  const status = runtime.profile.unsupportedEndpointStatus;
  const refuse = (what: string) => async () => {
    throw status === 501
      ? new ScimError(501, undefined, `${what} is not implemented by this service provider.`)
      : ScimError.notFound(`${what} does not exist on this service.`);
  };
  app.all('/Bulk', refuse('/Bulk'));
  app.all('/Me', refuse('/Me'));
  app.all('/.search', refuse('/.search'));
}
