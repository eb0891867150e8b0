import { parseListQuery, type ListQueryParameters, type ProjectionRequest } from '@idsync/scim';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendOutcome } from '../http/send-answer.js';
import type { TargetRuntime } from '../http/target-runtime.js';
import { createResource } from '../resources/create-resource.js';
import { deleteResource } from '../resources/delete-resource.js';
import { getResource } from '../resources/get-resource.js';
import { listResources } from '../resources/list-resources.js';
import { patchResource } from '../resources/patch-resource.js';
import { replaceResource } from '../resources/replace-resource.js';
import { endpointOf } from '../resources/target-context.js';
import type { ResourceTypeName } from '../store/resource-collection.js';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

const queryOf = (request: FastifyRequest) => (request.query ?? {}) as ListQueryParameters;

/** `attributes` / `excludedAttributes` of a single-resource request. */
function projectionOf(request: FastifyRequest): ProjectionRequest {
  const { attributes, excludedAttributes } = parseListQuery(queryOf(request));
  return { ...(attributes ? { attributes } : {}), ...(excludedAttributes ? { excludedAttributes } : {}) };
}

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

/**
 * The endpoints of one resource type — `/Users` or `/Groups`: list, create, `.search` (when the
 * profile serves it), and get, replace, patch, delete by id. Handlers only translate HTTP to
 * the resource operations in src/resources and send what they answer.
 */
export function registerResourceRoutes(
  app: FastifyInstance,
  runtime: TargetRuntime,
  resourceType: ResourceTypeName,
): void {
  const base = `/${endpointOf(resourceType)}`;

  app.get(base, async (request, reply) =>
    sendOutcome(runtime, reply, listResources(runtime, resourceType, queryOf(request))),
  );

  app.post(base, async (request, reply) =>
    sendOutcome(runtime, reply, createResource(runtime, resourceType, request.body, projectionOf(request))),
  );

  if (runtime.profile.searchEndpoint) {
    app.post(`${base}/.search`, async (request, reply) =>
      sendOutcome(
        runtime,
        reply,
        listResources(runtime, resourceType, (request.body ?? {}) as ListQueryParameters),
      ),
    );
  }

  app.get(`${base}/:id`, async (request: IdRequest, reply) =>
    sendOutcome(
      runtime,
      reply,
      getResource(runtime, resourceType, request.params.id, {
        ...(header(request, 'if-none-match') !== undefined
          ? { ifNoneMatch: header(request, 'if-none-match')! }
          : {}),
        projection: projectionOf(request),
      }),
    ),
  );

  const writeRequest = (request: IdRequest) => ({
    ...(header(request, 'if-match') !== undefined ? { ifMatch: header(request, 'if-match')! } : {}),
    projection: projectionOf(request),
  });

  app.put(`${base}/:id`, async (request: IdRequest, reply) =>
    sendOutcome(
      runtime,
      reply,
      replaceResource(runtime, resourceType, request.params.id, request.body, writeRequest(request)),
    ),
  );

  app.patch(`${base}/:id`, async (request: IdRequest, reply) =>
    sendOutcome(
      runtime,
      reply,
      patchResource(runtime, resourceType, request.params.id, request.body, writeRequest(request)),
    ),
  );

  app.delete(`${base}/:id`, async (request: IdRequest, reply) =>
    sendOutcome(
      runtime,
      reply,
      deleteResource(runtime, resourceType, request.params.id, writeRequest(request)),
    ),
  );
}
