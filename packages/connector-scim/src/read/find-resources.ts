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

/**
 * Objects matching a filter (correlation). The filter is written in the target's dialect, or
 * refused with `unsupported` when the target cannot take it. A target whose
 * ServiceProviderConfig says `filter.supported: false` is read whole and filtered here, page by
 * page, since correlation must work anyway; a target with no configuration at all is trusted
 * to filter, as nearly all do.
 */
export async function findResources(
  target: ScimTarget,
  type: ObjectType,
  filter: FilterNode,
): Promise<RemoteObject[]> {
  const text = translateFilter(filter, type, target.preset.filter, target.config.version, target.preset.name);
  const discovered = await target.capabilities();
  if (discovered.source === 'discovered' && !discovered.capabilities.filter.supported) {
    return scanMatching(target, type, filter);
  }
  return listAll(target, type, text);
}
