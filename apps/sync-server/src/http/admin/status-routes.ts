import type { ObjectType } from '@idsync/core';
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../engine/engine-errors.js';
import type { AdminContext } from './admin-context.js';

const TYPES: Record<string, ObjectType> = { users: 'User', groups: 'Group' };

function typeOf(segment: string): ObjectType {
  const type = TYPES[segment];
  if (!type) throw new NotFoundError(`Use /users/… or /groups/…, not /${segment}/….`);
  return type;
}

/** Sync status per connection and per object, explain, and a full resync of everything. */
export function statusRoutes(app: FastifyInstance, context: AdminContext): void {
  const { engine, scheduler } = context;

  app.get('/status', async () => ({ connections: await engine.status(), schedules: scheduler.describe() }));

  app.get<{ Params: { name: string } }>(
    '/status/connections/:name',
    async (request) => (await engine.status(request.params.name))[0],
  );

  app.get<{ Params: { type: string; ref: string } }>('/status/:type/:ref', async (request) =>
    engine.objectStatus(typeOf(request.params.type), request.params.ref),
  );

  app.get<{ Params: { type: string; ref: string }; Querystring: { connection?: string } }>(
    '/explain/:type/:ref',
    async (request) =>
      engine.explain(typeOf(request.params.type), request.params.ref, request.query.connection),
  );

  /** Starts a full reconciliation of every connection (or one); answers at once. */
  app.post<{ Body: { connection?: string } | undefined }>('/resync', async (request, reply) => {
    const names = request.body?.connection
      ? [request.body.connection]
      : context.catalog.listConnections().map((e) => e.definition.name);
    for (const name of names) {
      engine
        .sync(name, { mode: 'full', trigger: 'admin API resync' })
        .catch((error: unknown) => request.log.error({ err: error, connection: name }, 'resync failed'));
    }
    return reply.code(202).send({ started: names });
  });
}
