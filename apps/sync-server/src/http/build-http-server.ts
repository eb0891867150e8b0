import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { SecretScrubber } from '../logging/secret-scrubber.js';
import type { ServerMetrics } from '../metrics/server-metrics.js';
import { connectionRoutes } from './admin/connection-routes.js';
import type { AdminContext } from './admin/admin-context.js';
import { ruleRoutes } from './admin/rule-routes.js';
import { runRoutes } from './admin/run-routes.js';
import { statusRoutes } from './admin/status-routes.js';
import { adminTokenMatches } from './admin-token.js';
import { sendApiError } from './http-errors.js';

export interface HttpServerOptions {
  readonly logger: Logger;
  readonly metrics: ServerMetrics;
  readonly scrubber: SecretScrubber;
  readonly admin: AdminContext;
  /** Absent: the admin API refuses every request, saying how to set a token. */
  readonly adminToken?: string;
  /** Whether the store answers: `/readyz` is 503 until it does. */
  readonly ready: () => Promise<boolean>;
  /** Registers the SCIM inbound server on the app (the plugin lives in @idsync/connector-scim-server). */
  readonly mountScim?: (app: FastifyInstance) => Promise<void>;
}

/**
 * The server's HTTP face: SCIM inbound (`/scim/v2`, `/scim/v1`), the admin API under `/api`
 * behind its bearer token, `/healthz` (the process runs), `/readyz` (the store answers) and
 * `/metrics` (Prometheus). Every admin response passes through the secret scrubber.
 */
export async function buildHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: 'idle',
  });

  app.addHook('onResponse', async (request, reply) => {
    request.log.debug(
      {
        method: request.method,
        url: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const ready = await options.ready().catch(() => false);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready' });
  });
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', options.metrics.registry.contentType);
    return options.metrics.registry.metrics();
  });

  await app.register(
    async (api) => {
      api.addHook('onRequest', async (request, reply) => {
        if (!options.adminToken) {
          return reply.code(401).send({
            error:
              'The admin API is disabled: no admin token is configured. Set IDSYNC_ADMIN_TOKEN (or server.adminToken) and restart.',
          });
        }
        if (!adminTokenMatches(options.adminToken, request.headers.authorization)) {
          return reply
            .code(401)
            .header('www-authenticate', 'Bearer realm="idsync-admin"')
            .send({ error: 'Missing or wrong admin token: send "Authorization: Bearer <token>".' });
        }
      });
      api.addHook('onSend', async (_request, _reply, payload) =>
        typeof payload === 'string' ? options.scrubber.scrub(payload) : payload,
      );
      api.setErrorHandler((error, request, reply) => sendApiError(error, request, reply));
      api.setNotFoundHandler((request, reply) =>
        reply.code(404).send({ error: `No admin endpoint ${request.method} ${request.url.split('?')[0]}.` }),
      );
      connectionRoutes(api, options.admin);
      ruleRoutes(api, options.admin);
      runRoutes(api, options.admin);
      statusRoutes(api, options.admin);
    },
    { prefix: '/api' },
  );

  if (options.mountScim) await options.mountScim(app);
  return app;
}
