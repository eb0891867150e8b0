import {
  listResponse,
  resourceTypeResource,
  schemaResource,
  ScimError,
  serviceProviderConfigResource,
  getCaseInsensitive,
} from '@idsync/scim';
import type { ScimCall, ScimOutcome, ScimRoute } from '../http/scim-call.js';
import type { MountContext } from './mount-context.js';

/** RFC 7644 §4: a filter on a discovery endpoint SHOULD get 403, so no client trusts it. */
function refuseFilter(call: ScimCall): void {
  const query = call.query instanceof URLSearchParams ? Object.fromEntries(call.query) : call.query;
  if (getCaseInsensitive(query as Record<string, unknown>, 'filter') !== undefined) {
    throw new ScimError(
      403,
      undefined,
      'Discovery endpoints do not take a filter (RFC 7644 §4); list them whole.',
    );
  }
}

/** Path parameters arrive decoded from canonical routes and raw from the case-insensitive fallback. */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * `/ServiceProviderConfig`, `/ResourceTypes[/{id}]`, `/Schemas[/{urn}]` (RFC 7644 §4), built
 * from the registry — custom extension schemas included — and the limits in force. The 1.1
 * mount also answers `/ServiceProviderConfigs` in the 1.1 form.
 */
export function discoveryRoutes(context: MountContext): ScimRoute[] {
  const { registry, wire } = context;
  const config = async (call: ScimCall): Promise<ScimOutcome> => {
    refuseFilter(call);
    const resource = serviceProviderConfigResource(context.capabilities, call.baseUrl);
    return { status: 200, body: wire.serviceProviderConfigOut(resource) };
  };
  const routes: ScimRoute[] = [
    { method: 'GET', segments: ['ServiceProviderConfig'], body: 'none', handler: config },
    {
      method: 'GET',
      segments: ['ResourceTypes'],
      body: 'none',
      handler: async (call) => {
        refuseFilter(call);
        const types = registry.resourceTypes().map((type) => resourceTypeResource(type, call.baseUrl));
        return { status: 200, body: listResponse(types, { totalResults: types.length }) };
      },
    },
    {
      method: 'GET',
      segments: ['ResourceTypes', ':id'],
      body: 'none',
      handler: async (call) => {
        const type = registry.getResourceType(decoded(call.params.id!));
        if (!type) throw ScimError.notFound(`No resource type "${call.params.id}"; see /ResourceTypes.`);
        return { status: 200, body: resourceTypeResource(type, call.baseUrl) };
      },
    },
    {
      method: 'GET',
      segments: ['Schemas'],
      body: 'none',
      handler: async (call) => {
        refuseFilter(call);
        const schemas = registry.schemas().map((schema) => schemaResource(schema, call.baseUrl));
        return { status: 200, body: listResponse(schemas, { totalResults: schemas.length }) };
      },
    },
    {
      method: 'GET',
      segments: ['Schemas', ':urn'],
      body: 'none',
      handler: async (call) => {
        const schema = registry.getSchema(decoded(call.params.urn!));
        if (!schema) throw ScimError.notFound(`No schema "${call.params.urn}"; see /Schemas.`);
        return { status: 200, body: schemaResource(schema, call.baseUrl) };
      },
    },
  ];
  if (wire.version === '1.1') {
    routes.push({ method: 'GET', segments: ['ServiceProviderConfigs'], body: 'none', handler: config });
  }
  return routes;
}
