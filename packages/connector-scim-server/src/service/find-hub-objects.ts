import { OBJECT_TYPES, type HubStore, type ObjectType } from '@idsync/core';
import { filterBuilders, type FilterNode } from '@idsync/scim';

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Ids per search: one `id eq … or …` filter the store pushes down to SQL. */
const IDS_PER_SEARCH = 200;

/** A hub id in canonical form, or undefined for text that cannot be one. */
export function canonicalHubId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  return CANONICAL_UUID.test(lower) ? lower : undefined;
}

/** `id eq a or id eq b …` as a balanced tree, so a long list stays shallow for SQL and the evaluator. */
function anyOfIds(ids: readonly string[]): FilterNode {
  if (ids.length === 1) return filterBuilders.eq('id', ids[0]!);
  const middle = Math.ceil(ids.length / 2);
  return { kind: 'or', left: anyOfIds(ids.slice(0, middle)), right: anyOfIds(ids.slice(middle)) };
}

/**
 * Which of `ids` name hub objects inside `populationIds` (all populations when undefined), and
 * their type. Used to check group members and to hide what a confined client may not see; one
 * search per type and chunk, so a group of any size costs a bounded number of round trips.
 */
export async function findHubObjects(
  hub: HubStore,
  ids: Iterable<string>,
  populationIds: readonly string[] | undefined,
): Promise<Map<string, ObjectType>> {
  const wanted = [...new Set([...ids].map(canonicalHubId).filter((id): id is string => id !== undefined))];
  const found = new Map<string, ObjectType>();
  for (let start = 0; start < wanted.length; start += IDS_PER_SEARCH) {
    const chunk = wanted.slice(start, start + IDS_PER_SEARCH);
    for (const type of OBJECT_TYPES) {
      const result = await hub.search(type, {
        filter: anyOfIds(chunk),
        ...(populationIds ? { populationIds } : {}),
        startIndex: 1,
        count: chunk.length,
      });
      for (const object of result.objects) found.set(object.id, type);
    }
  }
  return found;
}
