import {
  parseListQuery,
  type ListQuery,
  type ListQueryParameters,
  type ProjectionRequest,
  type SchemaRegistry,
  type SearchRequestBody,
  type ServiceProviderCapabilities,
} from '@idsync/scim';
import type { ScimWire } from '../http/scim-wire.js';
import type { ScimServerLimits } from '../scim-server-options.js';
import type { HubResourceService } from '../service/hub-resource-service.js';

/** What the routes of one mount (`/scim/v2` or `/scim/v1`) share. */
export interface MountContext {
  readonly service: HubResourceService;
  readonly registry: SchemaRegistry;
  readonly wire: ScimWire;
  readonly limits: ScimServerLimits;
  readonly capabilities: ServiceProviderCapabilities;
}

/** Query parameters or a SearchRequest body, with this server's paging limits. */
export function listQueryOf(
  context: MountContext,
  input: ListQueryParameters | SearchRequestBody,
): ListQuery {
  return parseListQuery(input, {
    defaultCount: context.limits.defaultCount,
    maxCount: context.limits.maxCount,
  });
}

/** `attributes` / `excludedAttributes` of any request (RFC 7644 §3.9 applies them to writes too). */
export function projectionOf(context: MountContext, query: ListQueryParameters): ProjectionRequest {
  const { attributes, excludedAttributes } = listQueryOf(context, query);
  return {
    ...(attributes ? { attributes } : {}),
    ...(excludedAttributes ? { excludedAttributes } : {}),
  };
}
