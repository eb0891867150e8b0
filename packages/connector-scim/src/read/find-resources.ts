import { ConnectorError, type ObjectType, type RemoteObject } from '@idsync/core';
import { compileFilter, type FilterNode } from '@idsync/scim';
import { translateFilter } from '../filter/translate-filter.js';
import type { ScimTarget } from '../scim-target.js';
import { listAll, listResources } from './list-resources.js';

/** One object by id; undefined when the target answers 404. */
export async function getResource(
  target: ScimTarget,
  type: ObjectType,
  remoteId: string,
): Promise<RemoteObject | undefined> {
  try {
    const response = await target.client.request('GET', target.objectPath(type, remoteId));
    return target.decode(type, response.body);
  } catch (error) {
    if (error instanceof ConnectorError && error.code === 'not-found') return undefined;
    throw error;
  }
}

/** Reads every object and keeps those matching: for a target whose configuration says it cannot filter. */
async function scanMatching(
  target: ScimTarget,
  type: ObjectType,
  filter: FilterNode,
): Promise<RemoteObject[]> {
  const matches = compileFilter(filter, { registry: target.registry, scope: target.registry.scopeOf(type) });
  const found: RemoteObject[] = [];
  await new Promise<void>((resolve, reject) => {
    listResources(target, type).subscribe({
      next: (page) => found.push(...page.filter((object) => matches(object.resource))),
      error: reject,
      complete: resolve,
    });
  });
  return found;
}

/** The alternatives of a top-level `or`: `a or b or c` → [a, b, c]; any other filter → [filter]. */
function alternativesOf(filter: FilterNode): FilterNode[] {
  return filter.kind === 'or' ? [...alternativesOf(filter.left), ...alternativesOf(filter.right)] : [filter];
}

/**
 * A filter as the requests that answer it, in the target's dialect: one, or — on a target
 * without `or` (AWS, Atlassian) — one per alternative of a top-level `or`, whose answers
 * together are the filter's. Anything the target cannot take is refused with `unsupported`
 * here, before any request.
 */
export function filterRequests(target: ScimTarget, type: ObjectType, filter: FilterNode): string[] {
  const parts = target.preset.filter.or ? [filter] : alternativesOf(filter);
  return parts.map((part) =>
    translateFilter(part, type, target.preset.filter, target.config.version, target.preset.name),
  );
}

/**
 * Objects matching a filter (correlation). The filter is written in the target's dialect, or
 * refused with `unsupported` when the target cannot take it; a top-level `or` on a target
 * without `or` goes out as one request per alternative, the answers merged. A target whose
 * ServiceProviderConfig says `filter.supported: false` is read whole and filtered here, page by
 * page, since correlation must work anyway; a target with no configuration at all is trusted
 * to filter, as nearly all do.
 */
export async function findResources(
  target: ScimTarget,
  type: ObjectType,
  filter: FilterNode,
): Promise<RemoteObject[]> {
  const texts = filterRequests(target, type, filter);
  const discovered = await target.capabilities();
  if (discovered.source === 'discovered' && !discovered.capabilities.filter.supported) {
    return scanMatching(target, type, filter);
  }
  if (texts.length === 1) return listAll(target, type, texts[0]!);
  const found = new Map<string, RemoteObject>();
  for (const text of texts) {
    for (const object of await listAll(target, type, text))
      if (!found.has(object.remoteId)) found.set(object.remoteId, object);
  }
  return [...found.values()];
}
