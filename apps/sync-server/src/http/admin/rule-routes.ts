import type { FastifyInstance } from 'fastify';
import { ruleSchema } from '../../config/config-schema.js';
import { NotFoundError } from '../../engine/engine-errors.js';
import { parseBody, renameRefused } from '../http-errors.js';
import type { AdminContext } from './admin-context.js';
import { presentPlan } from './present-plan.js';

const flag = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined ? fallback : value === 'true' || value === '1';

/**
 * Rules: list, read, create, update, delete. Deleting goes through the engine: `deprovision`
 * says whether what only this rule provisioned is removed (per the connection's remove action)
 * or released; `plan=true` only shows what deleting would do. A deletion whose removals trip
 * the deletion guard waits for approval (`POST /api/runs/:id/approve`), the rule in force until then.
 */
export function ruleRoutes(app: FastifyInstance, context: AdminContext): void {
  const { catalog, engine } = context;
  const present = (name: string) => {
    const entry = catalog.getRule(name);
    if (!entry) throw new NotFoundError(`There is no rule named "${name}".`);
    return {
      ...entry.definition,
      origin: entry.origin,
      ...(entry.pending ? { pendingDeletion: entry.pending } : {}),
    };
  };

  app.get('/rules', async () => catalog.listRules().map((entry) => present(entry.definition.name)));

  app.get<{ Params: { name: string } }>('/rules/:name', async (request) => present(request.params.name));

  app.post('/rules', async (request, reply) => {
    const definition = parseBody(ruleSchema, request.body);
    if (catalog.getRule(definition.name)) {
      return reply.code(409).send({
        error: `A rule named "${definition.name}" exists; update it with PUT /api/rules/${definition.name}.`,
      });
    }
    await catalog.putRule(definition);
    await context.catalogChanged();
    return reply.code(201).send(present(definition.name));
  });

  app.put<{ Params: { name: string } }>('/rules/:name', async (request) => {
    const definition = parseBody(ruleSchema, { name: request.params.name, ...(request.body as object) });
    if (definition.name !== request.params.name) throw renameRefused('rule');
    if (!catalog.getRule(definition.name))
      throw new NotFoundError(`There is no rule named "${definition.name}"; create it with POST /api/rules.`);
    await catalog.putRule(definition);
    await context.catalogChanged();
    return present(definition.name);
  });

  app.delete<{
    Params: { name: string };
    Querystring: { deprovision?: string; plan?: string; limit?: string };
  }>('/rules/:name', async (request) => {
    const { name } = request.params;
    const entry = catalog.getRule(name);
    if (!entry) throw new NotFoundError(`There is no rule named "${name}".`);
    const connection = catalog.connection(entry.definition.connection);
    const deprovision = flag(
      request.query.deprovision,
      connection?.preferences.deprovisionOnRuleDeletion ?? false,
    );
    const dryRun = flag(request.query.plan, false);
    const summary = await engine.deleteRule(name, { deprovision, dryRun });
    if (!dryRun) await context.catalogChanged();
    const run = {
      connection: entry.definition.connection,
      direction: 'rule-deletion' as const,
      objectType: entry.definition.objectType,
      summary,
    };
    const { runs } = await presentPlan(engine, [run], Number(request.query.limit ?? 1000));
    return { deleted: !dryRun && summary.status !== 'awaiting-approval', deprovision, ...runs[0]! };
  });
}
