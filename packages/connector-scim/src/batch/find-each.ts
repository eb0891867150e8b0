import type { ObjectType, RemoteObject } from '@idsync/core';
import { compileFilter, type FilterNode, type FilterPredicate } from '@idsync/scim';
import { filterRequests, findResources } from '../read/find-resources.js';
import { listResources } from '../read/list-resources.js';
import type { ScimTarget } from '../scim-target.js';
import { runLookups } from './combined-lookups.js';
import { isLocallyEvaluable } from './locally-evaluable.js';
import { mapConcurrently } from './map-concurrently.js';

/** A predicate for the filter when the connector can evaluate it exactly as the target would; undefined otherwise. */
function localPredicate(
  target: ScimTarget,
  type: ObjectType,
  filter: FilterNode,
): FilterPredicate | undefined {
  const scope = target.registry.scopeOf(type);
  if (!isLocallyEvaluable(filter, type, target.registry, scope)) return undefined;
  try {
    return compileFilter(filter, { registry: target.registry, scope });
  } catch {
    // A filter the schema-aware evaluator refuses (`gt` on a boolean) is the target's to judge.
    return undefined;
  }
}

/** Reads every object once and sorts it into the filters it matches: for a target that cannot filter. */
async function scanForAll(
  target: ScimTarget,
  type: ObjectType,
  filters: readonly FilterNode[],
  results: RemoteObject[][],
): Promise<void> {
  const scope = target.registry.scopeOf(type);
  const predicates = filters.map((filter) => compileFilter(filter, { registry: target.registry, scope }));
  await new Promise<void>((resolve, reject) => {
    listResources(target, type).subscribe({
      next: (page) => {
        for (const object of page)
          predicates.forEach((matches, index) => {
            if (matches(object.resource)) results[index]!.push(object);
          });
      },
      error: reject,
      complete: resolve,
    });
  });
}

/**
 * The matches of each filter (`result[i]` answers `filters[i]`), in as few requests as the
 * target allows. Every filter is first written in the target's dialect, so one it cannot take
 * is refused with `unsupported` before any request, as `find` does. Where the target combines
 * filters, they go out joined by `or` in chunks, and each returned object is given to the
 * filters it matches by evaluating them here with the schema-aware evaluator — `userName`
 * without case, `externalId` exactly, as the target compares. Filters that cannot be judged
 * here (an attribute outside the schemas, or one the connector does not report) go alone, and
 * so does everything on a target that cannot combine. A target that cannot filter at all is
 * read once for the whole batch.
 */
export async function findEachResources(
  target: ScimTarget,
  type: ObjectType,
  filters: readonly FilterNode[],
): Promise<RemoteObject[][]> {
  const results = filters.map((): RemoteObject[] => []);
  if (filters.length === 0) return results;
  // Each filter as the target takes it; a filter it cannot take is refused here, before any request.
  const texts = filters.map((filter) => filterRequests(target, type, filter));
  const discovered = await target.capabilities();
  if (discovered.source === 'discovered' && !discovered.capabilities.filter.supported) {
    await scanForAll(target, type, filters, results);
    return results;
  }
  const predicates = filters.map((filter) => localPredicate(target, type, filter));
  const alone = filters.flatMap((_, index) => (predicates[index] ? [] : [index]));
  const single = async (item: number): Promise<void> => {
    results[item] = await findResources(target, type, filters[item]!);
  };
  await Promise.all([
    mapConcurrently(alone, target.config.maxConcurrency, single),
    runLookups(target, type, {
      items: filters.flatMap((_, index) => (predicates[index] ? [index] : [])),
      // Combining needs `or`, so each filter is one request's filter here.
      clause: (item) => texts[item]![0]!,
      combined(items, objects) {
        for (const object of objects)
          for (const item of items) if (predicates[item]!(object.resource)) results[item]!.push(object);
      },
      single,
    }),
  ]);
  return results;
}
