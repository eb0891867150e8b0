import {
  listResponse,
  resourceTypeResource,
  schemaResource,
  ScimError,
  serviceProviderConfigResource,
  type SchemaDefinition,
} from '@idsync/scim';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendOutcome } from '../http/send-answer.js';
import type { TargetRuntime } from '../http/target-runtime.js';
import { serviceCapabilities } from '../discovery/service-capabilities.js';

/** The schemas of the resources served (the discovery schemas describe the discovery endpoints themselves). */
export function resourceSchemas(runtime: TargetRuntime): SchemaDefinition[] {
  const urns = runtime.registry
    .resourceTypes()
    .flatMap((rt) => [rt.schema, ...rt.schemaExtensions.map((e) => e.schema)]);
  return urns.flatMap((urn) => runtime.registry.getSchema(urn) ?? []);
}

/** RFC 7644 §4: discovery endpoints do not filter; a filter SHOULD be answered with 403. */
function refuseFilter(request: FastifyRequest): void {
  const query = (request.query ?? {}) as Record<string, unknown>;
  if (Object.keys(query).some((key) => key.toLowerCase() === 'filter')) {
    throw new ScimError(403, undefined, 'Discovery endpoints do not support filtering; read the whole list.');
  }
}

/** SCIM 2.0 discovery: `/ServiceProviderConfig`, `/ResourceTypes[/{id}]`, `/Schemas[/{urn}]`. */
export function registerDiscoveryRoutes(app: FastifyInstance, runtime: TargetRuntime): void {
  const answer = (body: unknown) => ({ status: 200, headers: {}, body });

  app.get('/ServiceProviderConfig', async (_request, reply) =>
    sendOutcome(
      runtime,
      reply,
      answer(serviceProviderConfigResource(serviceCapabilities(runtime, runtime.auth), runtime.baseUrl())),
    ),
  );

  app.get('/ResourceTypes', async (request, reply) => {
    refuseFilter(request);
    const types = runtime.registry.resourceTypes().map((rt) => resourceTypeResource(rt, runtime.baseUrl()));
    return sendOutcome(runtime, reply, answer(listResponse(types, { totalResults: types.length })));
  });

  app.get('/ResourceTypes/:id', async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const resourceType = runtime.registry.getResourceType(request.params.id);
    if (!resourceType)
      throw ScimError.notFound(`Resource type "${request.params.id}" is not served here; try User or Group.`);
    return sendOutcome(runtime, reply, answer(resourceTypeResource(resourceType, runtime.baseUrl())));
  });

  app.get('/Schemas', async (request, reply) => {
    refuseFilter(request);
    const schemas = resourceSchemas(runtime).map((schema) => schemaResource(schema, runtime.baseUrl()));
    return sendOutcome(runtime, reply, answer(listResponse(schemas, { totalResults: schemas.length })));
  });

  app.get('/Schemas/:urn', async (request: FastifyRequest<{ Params: { urn: string } }>, reply) => {
    const urn = request.params.urn.toLowerCase();
    const schema = resourceSchemas(runtime).find((candidate) => candidate.id.toLowerCase() === urn);
    if (!schema) throw ScimError.notFound(`Schema "${request.params.urn}" is not served here.`);
    return sendOutcome(runtime, reply, answer(schemaResource(schema, runtime.baseUrl())));
  });
}
