import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { connectionSchema } from '../../config/config-schema.js';
import { NotFoundError } from '../../engine/engine-errors.js';
import { parseBody, renameRefused } from '../http-errors.js';
import type { AdminContext } from './admin-context.js';
import { presentPlan } from './present-plan.js';

const syncBody = z
  .object({
    mode: z.enum(['full', 'incremental']).default('full'),
    directions: z.array(z.enum(['inbound', 'outbound'])).optional(),
    wait: z.boolean().default(true),
  })
  .strict();

/**
 * Connections: list, read, create, update, delete, test, sync and plan. Secret settings are never
 * returned. Deleting is refused (409) while rules use the connection.
 */
export function connectionRoutes(app: FastifyInstance, context: AdminContext): void {
  const { catalog, engine } = context;
  const present = (name: string) => {
    const entry = catalog.getConnection(name);
    if (!entry) throw new NotFoundError(`There is no connection named "${name}".`);
    return {
      ...catalog.redact(entry.definition),
      origin: entry.origin,
      directions: [...engine.work(name).keys()],
    };
  };

  app.get('/connections', async () =>
    catalog.listConnections().map((entry) => present(entry.definition.name)),
  );

  app.get<{ Params: { name: string } }>('/connections/:name', async (request) =>
    present(request.params.name),
  );

  app.post('/connections', async (request, reply) => {
    const definition = parseBody(connectionSchema, request.body);
    if (catalog.getConnection(definition.name)) {
      return reply.code(409).send({
        error: `A connection named "${definition.name}" exists; update it with PUT /api/connections/${definition.name}.`,
      });
    }
    await catalog.putConnection(definition);
    await context.catalogChanged();
    return reply.code(201).send(present(definition.name));
  });

  app.put<{ Params: { name: string } }>('/connections/:name', async (request) => {
    const body = { name: request.params.name, ...(request.body as object) };
    const definition = parseBody(connectionSchema, body);
    if (definition.name !== request.params.name) throw renameRefused('connection');
    if (!catalog.getConnection(definition.name))
      throw new NotFoundError(
        `There is no connection named "${definition.name}"; create it with POST /api/connections.`,
      );
    await catalog.putConnection(definition);
    await context.catalogChanged();
    return present(definition.name);
  });

  app.delete<{ Params: { name: string } }>('/connections/:name', async (request) => {
    const { name } = request.params;
    const forgotten = await engine.deleteConnection(name, 'admin API');
    await context.catalogChanged();
    return {
      deleted: true,
      connection: name,
      ...forgotten,
      secretsRemoved: true,
      remoteObjects:
        "Left as they are: the users and groups idsync created or linked in this connection's store were not changed or removed.",
    };
  });

  app.post<{ Params: { name: string } }>('/connections/:name/test', async (request) => {
    present(request.params.name);
    return engine.testConnection(request.params.name);
  });

  app.post<{ Params: { name: string } }>('/connections/:name/sync', async (request, reply) => {
    const body = parseBody(syncBody, request.body);
    const running = engine.sync(request.params.name, {
      mode: body.mode,
      trigger: 'admin API',
      ...(body.directions ? { directions: body.directions } : {}),
    });
    if (!body.wait) {
      running.catch((error: unknown) =>
        request.log.error({ err: error, connection: request.params.name }, 'sync failed'),
      );
      return reply.code(202).send({ accepted: true });
    }
    return { runs: await running };
  });

  app.post<{ Params: { name: string }; Querystring: { limit?: string } }>(
    '/connections/:name/plan',
    async (request) => {
      const runs = await engine.sync(request.params.name, {
        mode: 'full',
        dryRun: true,
        trigger: 'admin API plan',
      });
      return presentPlan(engine, runs, Number(request.query.limit ?? 1000));
    },
  );
}
