import {
  compileFilter,
  parseFilter,
  parseListQuery,
  sortResources,
  type ListQueryParameters,
  type SearchRequestBody,
} from '@idsync/scim';
import type { ResourceTypeName } from '../store/resource-collection.js';
import { decorate, presentRead } from './present-resource.js';
import { checkFilter, checkOperation } from './run-policies.js';
import type { Outcome, TargetContext } from './target-context.js';

/**
 * GET /Users, GET /Groups and POST …/.search: filter, sort, page and project, with the profile's
 * rules at each step — its filter policies refuse what the vendor cannot evaluate, sorting is
 * skipped where the vendor does not sort, and its pager cuts the page (by index or by cursor).
 * Filters run on the decorated resources, so membership filters see the real members even
 * where reads hide them.
 */
export function listResources(
  context: TargetContext,
  resourceType: ResourceTypeName,
  parameters: ListQueryParameters | SearchRequestBody,
): Outcome {
  checkOperation(context, resourceType, 'list');
  const query = parseListQuery(parameters, context.limits);
  const { registry } = context;
  const scope = registry.scopeOf(resourceType);
  const memberships = context.store.membershipIndex();
  let matches = context.store
    .collection(resourceType)
    .all()
    .map((stored) => decorate(context, resourceType, stored, memberships));
  if (query.filter !== undefined) {
    const filter = parseFilter(query.filter, { knownSchemas: registry.schemas().map((schema) => schema.id) });
    checkFilter(context, resourceType, filter);
    const matchesFilter = compileFilter(filter, { registry, scope });
    matches = matches.filter(matchesFilter);
  }
  if (query.sortBy !== undefined && context.profile.sorting) {
    matches = sortResources(matches, query.sortBy, query.sortOrder, { registry, scope });
  }
  const page = context.profile.pager.page(matches, {
    query,
    parameters: parameters as Readonly<Record<string, unknown>>,
    maxCount: context.limits.maxCount,
  });
  const resources = page.resources.map((resource) => presentRead(context, resourceType, resource, query));
  return { status: 200, headers: {}, body: context.codec.encodeList({ resources, info: page.info }) };
}
