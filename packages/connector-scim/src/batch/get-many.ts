import type { ObjectType, RemoteObject } from '@idsync/core';
import { filterBuilders } from '@idsync/scim';
import { translateFilter } from '../filter/translate-filter.js';
import { getResource } from '../read/find-resources.js';
import type { ScimTarget } from '../scim-target.js';
import { runLookups } from './combined-lookups.js';

/**
 * Objects by remote id, in as few requests as the target allows: `id eq "a" or id eq "b" …`
 * in chunks where it can combine filters, one `GET /Users/{id}` per id where it cannot (AWS,
 * Atlassian, a target without filtering, or one that refused a combined filter). Ids that do
 * not exist are absent from the map. A group renamed by re-creation is looked up under its
 * new id and reported under the id asked for.
 */
export async function getResources(
  target: ScimTarget,
  type: ObjectType,
  remoteIds: readonly string[],
): Promise<Map<string, RemoteObject>> {
  const ids = [...new Set(remoteIds)];
  const current = ids.map((id) => target.currentId(type, id));
  const found = new Map<string, RemoteObject>();
  await runLookups(target, type, {
    items: ids.map((_, index) => index),
    clause: (item) =>
      translateFilter(
        filterBuilders.eq('id', current[item]!),
        type,
        target.preset.filter,
        target.config.version,
        target.preset.name,
      ),
    combined(items, objects) {
      // `id` is caseExact (RFC 7643 §3.1): the answer is matched to the ids exactly.
      const byId = new Map(objects.map((object) => [object.remoteId, object]));
      for (const item of items) {
        const object = byId.get(current[item]!);
        if (object) found.set(ids[item]!, object);
      }
    },
    async single(item) {
      const object = await getResource(target, type, ids[item]!);
      if (object) found.set(ids[item]!, object);
    },
  });
  return found;
}
