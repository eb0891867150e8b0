import { findKeyCaseInsensitive, type ScimResource, type ScimValue } from '@idsync/scim';
import { matchesValueFilter } from './read-attribute.js';
import type { ResolvedPath } from './resolve-mapping-path.js';

type JsonObject = { [key: string]: ScimValue };

function isRecord(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The key to write `name` under: an existing key of another case is reused, so values merge. */
function keyFor(object: object, name: string): string {
  return findKeyCaseInsensitive(object, name) ?? name;
}

/** The object under `name`, created (or replacing a non-object) when needed. */
function childObject(parent: JsonObject, name: string): JsonObject {
  const key = keyFor(parent, name);
  const existing = parent[key];
  if (isRecord(existing)) return existing;
  const created: JsonObject = {};
  parent[key] = created;
  return created;
}

/**
 * Writes a mapped value at a resolved path of the target being built. A value path such as
 * `emails[type eq "work"].value` updates the element the filter selects, or appends a new
 * element keyed by the filter (`{ type: "work", value: … }`), so two mappings for the work
 * email's `value` and `primary` land on the same element. `null` is written as it is: it
 * means "clear", and the diff stage turns it into a removal.
 */
export function writeAttribute(target: ScimResource, path: ResolvedPath, value: ScimValue): void {
  const container: JsonObject =
    path.extension === undefined
      ? (target as unknown as JsonObject)
      : childObject(target as unknown as JsonObject, path.extension);
  const { attribute, filter, subAttribute } = path;
  if (filter) {
    const key = keyFor(container, attribute);
    const existing = container[key];
    const list: ScimValue[] = Array.isArray(existing) ? existing : [];
    container[key] = list;
    let element = list.find((item) => matchesValueFilter(item, filter)) as JsonObject | undefined;
    if (!element) {
      element = { [filter.attribute]: filter.value };
      list.push(element);
    }
    element[keyFor(element, subAttribute ?? 'value')] = value;
    return;
  }
  if (subAttribute === undefined) {
    container[keyFor(container, attribute)] = value;
    return;
  }
  const parent = childObject(container, attribute);
  parent[keyFor(parent, subAttribute)] = value;
}
