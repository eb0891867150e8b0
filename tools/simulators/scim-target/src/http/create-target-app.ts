import Fastify, { type FastifyInstance } from 'fastify';
import { ScimError } from '@idsync/scim';
import { registerDiscoveryRoutes } from '../routes/discovery-routes.js';
import { registerResourceRoutes } from '../routes/resource-routes.js';
import { registerTokenRoute } from '../routes/token-route.js';
import { registerUnsupportedRoutes } from '../routes/unsupported-routes.js';
import { registerV1DiscoveryRoutes } from '../routes/v1-discovery-routes.js';
import { registerBodyParser } from './body-parser.js';
import { asScimError, sendScimError } from './send-answer.js';
import type { TargetRuntime } from './target-runtime.js';
import { registerTrafficHooks } from './traffic-hooks.js';

/**
 * The Fastify application of one target: body parsing and traffic hooks for every request, the
 * token endpoint at the root, and the SCIM endpoints of the configured version as a plugin under
 * the base path. Paths match without case and with or without a trailing slash (Entra sends
 * `/users`), and every error — also 404 for unknown paths — is a SCIM error body in the
 * profile's style.
 */
export function createTargetApp(runtime: TargetRuntime): FastifyInstance {
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 500 },
  });
  registerBodyParser(app);
  registerTrafficHooks(app, runtime);

  app.setErrorHandler((error, _request, reply) => sendScimError(runtime, reply, asScimError(error)));
  app.setNotFoundHandler((request, reply) =>
    sendScimError(
      runtime,
      reply,
      ScimError.notFound(
        `There is no endpoint ${request.method} ${request.url.split('?')[0]}; the SCIM base is ${runtime.basePath}.`,
      ),
    ),
  );

  registerTokenRoute(app, runtime);
  void app.register(
    async (scim) => {
      if (runtime.version === '1.1') registerV1DiscoveryRoutes(scim, runtime);
      else {
        registerDiscoveryRoutes(scim, runtime);
        registerUnsupportedRoutes(scim, runtime);
      }
      registerResourceRoutes(scim, runtime, 'User');
      registerResourceRoutes(scim, runtime, 'Group');
    },
    { prefix: runtime.basePath },
  );
  return app;
}
