import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ScimError } from '@idsync/scim';
import type { ClientAuthenticator } from '../auth/client-authenticator.js';
import type { ClientRateLimiter } from '../auth/client-rate-limiter.js';
import { bulkRoute } from '../routes/bulk-route.js';
import { discoveryRoutes } from '../routes/discovery-routes.js';
import { meRoutes } from '../routes/me-routes.js';
import type { MountContext } from '../routes/mount-context.js';
import { resourceHandlers, resourceRoutes } from '../routes/resource-routes.js';
import { rootSearchRoute } from '../routes/root-search-route.js';
import type { ClientActor, ScimCall, ScimOutcome, ScimRoute } from './scim-call.js';
import { ScimHttpError } from './scim-http-error.js';
import { pathSegments, ScimRouter } from './scim-router.js';
import { toScimError } from './to-scim-error.js';

export interface ScimMountOptions {
  readonly context: MountContext;
  readonly authenticator: ClientAuthenticator;
  readonly rateLimiter: ClientRateLimiter;
  readonly publicUrl?: string;
  readonly realm: string;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Chooses `application/scim+json` unless the client asked for plain JSON only. */
function mediaTypeFor(request: FastifyRequest, preferred: string): string {
  const accept = request.headers.accept?.toLowerCase();
  if (!accept || accept.includes(preferred) || accept.includes('*/*') || accept.includes('application/*')) {
    return preferred;
  }
  return accept.includes('application/json') ? 'application/json' : preferred;
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

/**
 * One SCIM mount (`/scim/v2` or `/scim/v1`) as an encapsulated fastify plugin: its own JSON
 * parsers with the body limit, an authentication and rate-limit hook, an error handler that
 * answers every failure — fastify's own included — with a SCIM error body of the mount's
 * version, and the routes. Each route is registered under its canonical path; a catch-all
 * serves other spellings (`/users`) through the case-insensitive router.
 */
export async function scimMountPlugin(app: FastifyInstance, options: ScimMountOptions): Promise<void> {
  const { context, authenticator, rateLimiter } = options;
  const { wire, limits } = context;
  const actors = new WeakMap<FastifyRequest, ClientActor>();
  const bodySizes = new WeakMap<FastifyRequest, number>();
  const parserLimit = Math.max(limits.maxBodyBytes, limits.bulkMaxPayloadBytes);
  const base = (options.publicUrl ?? '').replace(/\/+$/, '');
  const baseUrlOf = (request: FastifyRequest) =>
    `${base || `${request.protocol}://${request.host}`}${app.prefix}`;

  const sendBody = (request: FastifyRequest, reply: FastifyReply, status: number, body: unknown) =>
    reply
      .code(status)
      .header('content-type', `${mediaTypeFor(request, wire.mediaType)}; charset=utf-8`)
      .send(JSON.stringify(body));

  const sendOutcome = (request: FastifyRequest, reply: FastifyReply, outcome: ScimOutcome) => {
    if (outcome.location) reply.header('location', outcome.location);
    if (outcome.etag) reply.header('etag', outcome.etag);
    for (const [name, value] of Object.entries(outcome.headers ?? {})) reply.header(name, value);
    if (outcome.body === undefined) return reply.code(outcome.status).send();
    return sendBody(request, reply, outcome.status, outcome.body);
  };

  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  const parseJson = (
    request: FastifyRequest,
    body: string | Buffer,
    done: (error: Error | null, body?: unknown) => void,
  ) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    bodySizes.set(request, Buffer.byteLength(text));
    if (text.trim() === '') return done(null, undefined);
    jsonParser(request, text, done);
  };
  const parserOptions = { parseAs: 'string' as const, bodyLimit: parserLimit };
  app.addContentTypeParser(['application/json', 'application/scim+json'], parserOptions, parseJson);
  // Other JSON-based media types (application/merge-patch+json and the like) read as JSON too.
  app.addContentTypeParser(/^application\/[\w.-]+\+json$/i, parserOptions, parseJson);

  app.setErrorHandler((error, request, reply) => {
    const mapped = toScimError(error, limits);
    if (mapped.unexpected) request.log.error({ err: error }, 'SCIM request failed');
    if (mapped.error instanceof ScimHttpError) {
      for (const [name, value] of Object.entries(mapped.error.headers)) reply.header(name, value);
    }
    return sendBody(request, reply, mapped.error.status, wire.errorOut(mapped.error));
  });

  const challenges = [
    ...(authenticator.schemes().bearer ? [`Bearer realm="${options.realm}"`] : []),
    ...(authenticator.schemes().basic ? [`Basic realm="${options.realm}", charset="UTF-8"`] : []),
  ].join(', ');

  app.addHook('onRequest', async (request) => {
    const client = authenticator.authenticate(request.headers.authorization);
    if (!client) {
      throw new ScimHttpError(
        401,
        'Authentication failed: send the credentials of a configured SCIM client ("Authorization: Bearer <token>" or HTTP Basic).',
        { 'www-authenticate': challenges || `Bearer realm="${options.realm}"` },
      );
    }
    if (client.rateLimit) {
      const decision = rateLimiter.take(client.id, client.rateLimit);
      if (!decision.allowed) {
        throw new ScimHttpError(
          429,
          `Client "${client.id}" sent more than ${client.rateLimit.requestsPerSecond} requests per second; retry after ${decision.retryAfterSeconds} s.`,
          { 'retry-after': String(decision.retryAfterSeconds) },
        );
      }
    }
    actors.set(request, { client, ...(client.populations ? { populationIds: client.populations } : {}) });
  });

  const callOf = (request: FastifyRequest, route: ScimRoute, params: Record<string, string>): ScimCall => {
    const bodyBytes = bodySizes.get(request) ?? 0;
    const limit = route.body === 'bulk' ? limits.bulkMaxPayloadBytes : limits.maxBodyBytes;
    if (bodyBytes > limit) {
      throw new ScimError(
        413,
        undefined,
        `The request body has ${bodyBytes} bytes; this endpoint accepts at most ${limit}${route.body === 'bulk' ? ' (bulk.maxPayloadSize)' : ''}.`,
      );
    }
    const ifMatch = header(request, 'if-match');
    const ifNoneMatch = header(request, 'if-none-match');
    return {
      method: request.method,
      params,
      query: (request.query ?? {}) as ScimCall['query'],
      body: request.body,
      ...(ifMatch !== undefined ? { ifMatch } : {}),
      ...(ifNoneMatch !== undefined ? { ifNoneMatch } : {}),
      actor: actors.get(request)!,
      baseUrl: baseUrlOf(request),
      bodyBytes,
    };
  };

  const users = resourceHandlers(context, 'User');
  const routes: ScimRoute[] = [];
  const router = new ScimRouter(routes);
  routes.push(
    ...resourceRoutes(context, 'User'),
    ...resourceRoutes(context, 'Group'),
    rootSearchRoute(context),
    ...meRoutes(context, users),
    ...discoveryRoutes(context),
    bulkRoute(
      context,
      (call) => async (request) => {
        const prefix = app.prefix.toLowerCase();
        const path = request.path.toLowerCase().startsWith(prefix + '/')
          ? request.path.slice(prefix.length)
          : request.path;
        const match = router.match(request.method, pathSegments(path));
        if (match.kind !== 'found') {
          const detail =
            match.kind === 'method' ? `does not take ${request.method}` : 'is not a SCIM endpoint';
          throw ScimError.invalidValue(`Bulk operation path "${request.path}" ${detail}.`);
        }
        if (match.route.body === 'bulk')
          throw ScimError.invalidValue('A Bulk operation cannot itself be a Bulk request.');
        const { ifMatch: _ifMatch, ifNoneMatch: _ifNoneMatch, ...shared } = call;
        return match.route.handler({
          ...shared,
          method: request.method,
          params: match.params,
          query: {},
          body: request.body,
          ...(request.ifMatch !== undefined ? { ifMatch: request.ifMatch } : {}),
        });
      },
      (error) => app.log.error({ err: error }, 'SCIM Bulk operation failed'),
    ),
  );

  /** Serves a path by the case-insensitive router: other spellings, and trailing slashes. */
  const serveByRouter = async (request: FastifyRequest, reply: FastifyReply, rest: string) => {
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const match = router.match(method, pathSegments(rest));
    if (match.kind === 'method') {
      throw new ScimHttpError(
        405,
        `${request.method} is not supported here; use ${match.allowed.join(', ')}.`,
        {
          allow: match.allowed.join(', '),
        },
      );
    }
    if (match.kind === 'none') {
      throw ScimError.notFound(
        `No SCIM endpoint at "/${rest}"; this server offers /Users, /Groups, /Me, /Bulk, /.search, /ServiceProviderConfig, /ResourceTypes and /Schemas.`,
      );
    }
    return sendOutcome(request, reply, await match.route.handler(callOf(request, match.route, match.params)));
  };

  for (const route of routes) {
    app.route({
      method: route.method,
      url: '/' + route.segments.join('/'),
      bodyLimit: parserLimit,
      handler: async (request, reply) => {
        const params = request.params as Record<string, string>;
        // `/Users/` reaches `/Users/:id` with an empty id: it means `/Users`.
        if (Object.values(params).some((value) => value === '')) {
          return serveByRouter(request, reply, request.url.slice(app.prefix.length));
        }
        return sendOutcome(request, reply, await route.handler(callOf(request, route, params)));
      },
    });
  }

  app.route({
    method: [...METHODS],
    url: '/*',
    bodyLimit: parserLimit,
    handler: (request, reply) =>
      serveByRouter(request, reply, (request.params as Record<string, string>)['*'] ?? ''),
  });

  app.setNotFoundHandler(async () => {
    throw ScimError.notFound('No SCIM endpoint at this path.');
  });
}
