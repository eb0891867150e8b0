import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../engine/engine-errors.js';
import { parseBody } from '../http-errors.js';
import type { AdminContext } from './admin-context.js';
import { toPlanEntry } from './present-plan.js';

const approveBody = z.object({ comment: z.string().optional(), approvedBy: z.string().optional() }).strict();

/** Runs: list, read with their operations (paged), approve. */
export function runRoutes(app: FastifyInstance, context: AdminContext): void {
  const { engine } = context;
  const runs = () => engine.store.runs;

  app.get<{ Querystring: { connection?: string; limit?: string } }>('/runs', async (request) =>
    runs().list(request.query.connection, Math.min(Number(request.query.limit ?? 50), 500)),
  );

  app.get<{ Params: { id: string }; Querystring: { after?: string; limit?: string } }>(
    '/runs/:id',
    async (request) => {
      const run = await runs().get(request.params.id);
      if (!run) throw new NotFoundError(`There is no run ${request.params.id}.`);
      const operations = await engine.operations(
        run.id,
        Number(request.query.after ?? 0),
        Math.min(Number(request.query.limit ?? 500), 5000),
      );
      const approval = await runs().approval(run.id);
      return { ...run, ...(approval ? { approval } : {}), operations: operations.map(toPlanEntry) };
    },
  );

  app.post<{ Params: { id: string } }>('/runs/:id/approve', async (request) => {
    const body = parseBody(approveBody, request.body);
    const results = await engine.approve(request.params.id, body.approvedBy ?? 'admin API', body.comment);
    await context.catalogChanged();
    return { approved: request.params.id, runs: results };
  });
}
