import type { ObjectType } from '@idsync/core';
import {
  listResponse,
  ScimError,
  type ListQuery,
  type ScimResource,
  type SearchRequestBody,
} from '@idsync/scim';
import type { ScimCall, ScimOutcome, ScimRoute } from '../http/scim-call.js';
import { entityTag, ifNoneMatchHits, assertIfMatch } from '../service/entity-tag.js';
import type { VisibleResource } from '../service/hub-resource-service.js';
import { parseClientFilter } from '../service/parse-client-filter.js';
import { ENDPOINT_OF, presentResource, resourceLocation } from '../service/present-resource.js';
import { listQueryOf, projectionOf, type MountContext } from './mount-context.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The SearchRequest body of a POST to `.search`; anything but a JSON object is `invalidSyntax`. */
export function searchBodyOf(body: unknown): SearchRequestBody {
  if (!isObject(body)) {
    throw ScimError.invalidSyntax(
      'A search must POST a SearchRequest JSON object, e.g. {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"userName eq \\"ada\\""}.',
    );
  }
  return body as SearchRequestBody;
}

/** Runs a list query against one resource type: the page of presented resources and the true total. */
export async function searchType(
  context: MountContext,
  call: ScimCall,
  type: ObjectType,
  query: ListQuery,
  window: { startIndex: number; count: number } = query,
): Promise<{ totalResults: number; resources: ScimResource[] }> {
  const filter = query.filter !== undefined ? parseClientFilter(query.filter) : undefined;
  const result = await context.service.search(call.actor, type, {
    ...(filter ? { filter } : {}),
    ...(query.sortBy !== undefined ? { sortBy: query.sortBy } : {}),
    ...(query.sortOrder !== undefined ? { sortOrder: query.sortOrder } : {}),
    startIndex: window.startIndex,
    count: window.count,
  });
  const projection = {
    ...(query.attributes ? { attributes: query.attributes } : {}),
    ...(query.excludedAttributes ? { excludedAttributes: query.excludedAttributes } : {}),
  };
  const present = { baseUrl: call.baseUrl, registry: context.registry, projection };
  return {
    totalResults: result.totalResults,
    resources: result.resources.map((resource) => presentResource(resource, type, present)),
  };
}

/** A single resource answer: the presented body, its ETag, and `Location` where asked. */
export function resourceOutcome(
  context: MountContext,
  call: ScimCall,
  type: ObjectType,
  visible: VisibleResource,
  status: number,
  withLocation: boolean,
): ScimOutcome {
  const id = String(visible.resource.id);
  const present = {
    baseUrl: call.baseUrl,
    registry: context.registry,
    projection: projectionOf(context, call.query),
  };
  return {
    status,
    body: context.wire.resourceOut(presentResource(visible.resource, type, present)),
    etag: entityTag(visible.version),
    ...(withLocation ? { location: resourceLocation(call.baseUrl, type, id) } : {}),
  };
}

/** The handlers of one resource type, shared by its routes, `/Me` and Bulk. */
export function resourceHandlers(context: MountContext, type: ObjectType) {
  const { service, wire } = context;
  const list = async (call: ScimCall, query: ListQuery): Promise<ScimOutcome> => {
    const page = await searchType(context, call, type, query);
    const body = listResponse(page.resources, {
      totalResults: page.totalResults,
      startIndex: query.startIndex,
    });
    return { status: 200, body: wire.listOut(body) };
  };
  return {
    list: (call: ScimCall) => list(call, listQueryOf(context, call.query)),
    search: (call: ScimCall) => list(call, listQueryOf(context, searchBodyOf(call.body))),
    async get(call: ScimCall): Promise<ScimOutcome> {
      const visible = await service.read(call.actor, type, call.params.id!);
      if (ifNoneMatchHits(call.ifNoneMatch, visible.version))
        return { status: 304, etag: entityTag(visible.version) };
      assertIfMatch(call.ifMatch, visible.version);
      return resourceOutcome(context, call, type, visible, 200, false);
    },
    async create(call: ScimCall): Promise<ScimOutcome> {
      const visible = await service.create(call.actor, type, wire.resourceIn(call.body, type));
      return resourceOutcome(context, call, type, visible, 201, true);
    },
    async replace(call: ScimCall): Promise<ScimOutcome> {
      const body = wire.resourceIn(call.body, type);
      const visible = await service.replace(call.actor, type, call.params.id!, body, call.ifMatch);
      return resourceOutcome(context, call, type, visible, 200, false);
    },
    async patch(call: ScimCall): Promise<ScimOutcome> {
      const operationsFor = (current: ScimResource) => wire.patchIn(call.body, current, type);
      const visible = await service.patch(call.actor, type, call.params.id!, operationsFor, call.ifMatch);
      return resourceOutcome(context, call, type, visible, 200, false);
    },
    async remove(call: ScimCall): Promise<ScimOutcome> {
      await service.remove(call.actor, type, call.params.id!, call.ifMatch);
      return { status: 204 };
    },
  };
}

export type ResourceHandlers = ReturnType<typeof resourceHandlers>;

/** `/Users` or `/Groups`: list, create, `.search`, and get / replace / patch / delete by id. */
export function resourceRoutes(context: MountContext, type: ObjectType): ScimRoute[] {
  const handlers = resourceHandlers(context, type);
  const endpoint = ENDPOINT_OF[type];
  return [
    { method: 'GET', segments: [endpoint], body: 'none', handler: handlers.list },
    { method: 'POST', segments: [endpoint], body: 'resource', handler: handlers.create },
    { method: 'POST', segments: [endpoint, '.search'], body: 'resource', handler: handlers.search },
    { method: 'GET', segments: [endpoint, ':id'], body: 'none', handler: handlers.get },
    { method: 'PUT', segments: [endpoint, ':id'], body: 'resource', handler: handlers.replace },
    { method: 'PATCH', segments: [endpoint, ':id'], body: 'resource', handler: handlers.patch },
    { method: 'DELETE', segments: [endpoint, ':id'], body: 'none', handler: handlers.remove },
  ];
}
