import {
  COMMON_ATTRIBUTES,
  SchemaRegistry,
  type AttributeDefinition,
  type ScimResource,
  type SchemaDefinition,
} from '@idsync/scim';
import { learnAttribute } from './learned-attribute.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const hasNamed = (attributes: readonly AttributeDefinition[], name: string): boolean =>
  attributes.some((attribute) => attribute.name.toLowerCase() === name.toLowerCase());

/** What the registry lacks for one diff: attributes per schema URN (lower case), and URNs to add as extensions. */
interface Additions {
  readonly attributes: Map<string, { urn: string; learned: AttributeDefinition[] }>;
  readonly extensions: Map<string, string>;
}

/** Diff registries built so far, per hub registry and object type, keyed by what was added. */
const cache = new WeakMap<SchemaRegistry, Map<string, SchemaRegistry>>();
/** Learned shapes are few (one per mapped custom attribute and value type); the bound is only a backstop. */
const CACHE_LIMIT = 64;

/**
 * The registry to diff one desired object with: the hub's registry, plus the connection's
 * custom schema URNs as extensions of the object type, plus a definition for every attribute
 * of the desired object that no schema in scope defines (see `learnAttribute`). `diffResources`
 * skips attributes it has no definition for, so without this a change only to a custom
 * extension's attribute would be confirmed as in sync and never written. The hub's registry
 * itself is left unchanged; it is returned as it is when nothing is missing.
 */
export function registryForDiff(
  registry: SchemaRegistry,
  objectType: string,
  desired: ScimResource,
  customSchemaUrns: readonly string[] = [],
): SchemaRegistry {
  const additions = findAdditions(registry, objectType, desired, customSchemaUrns);
  if (additions.attributes.size === 0 && additions.extensions.size === 0) return registry;
  const key = JSON.stringify([
    objectType,
    [...additions.extensions.values()].sort(),
    [...additions.attributes.entries()].sort(([a], [b]) => a.localeCompare(b)),
  ]);
  let built = cache.get(registry);
  if (!built) cache.set(registry, (built = new Map()));
  const cached = built.get(key);
  if (cached) return cached;
  if (built.size >= CACHE_LIMIT) built.clear();
  const extended = extendRegistry(registry, objectType, additions);
  built.set(key, extended);
  return extended;
}

function findAdditions(
  registry: SchemaRegistry,
  objectType: string,
  desired: ScimResource,
  customSchemaUrns: readonly string[],
): Additions {
  const scope = registry.scopeOf(objectType);
  const inScope = (urn: string) =>
    [scope.core, ...scope.extensions].some((known) => known.toLowerCase() === urn.toLowerCase());
  const additions: Additions = { attributes: new Map(), extensions: new Map() };
  const spelling = new Map(customSchemaUrns.map((urn) => [urn.toLowerCase(), urn]));
  for (const urn of customSchemaUrns) if (!inScope(urn)) additions.extensions.set(urn.toLowerCase(), urn);

  const learn = (urn: string, known: readonly AttributeDefinition[], name: string, value: unknown) => {
    if (hasNamed(known, name)) return;
    const definition = learnAttribute(name, value);
    if (!definition) return;
    const entry = additions.attributes.get(urn.toLowerCase()) ?? { urn, learned: [] };
    if (hasNamed(entry.learned, name)) return;
    entry.learned.push(definition);
    additions.attributes.set(urn.toLowerCase(), entry);
  };

  const core = [...COMMON_ATTRIBUTES, ...(registry.getSchema(scope.core)?.attributes ?? [])];
  for (const [key, value] of Object.entries(desired)) {
    if (key === 'schemas') continue;
    if (!key.toLowerCase().startsWith('urn:')) {
      learn(scope.core, core, key, value);
      continue;
    }
    if (!isRecord(value) || key.toLowerCase() === scope.core.toLowerCase()) continue;
    const urn = registry.getSchema(key)?.id ?? spelling.get(key.toLowerCase()) ?? key;
    if (!inScope(urn)) additions.extensions.set(urn.toLowerCase(), urn);
    const known = registry.getSchema(urn)?.attributes ?? [];
    for (const [name, member] of Object.entries(value)) learn(urn, known, name, member);
  }
  return additions;
}

function extendRegistry(registry: SchemaRegistry, objectType: string, additions: Additions): SchemaRegistry {
  const schemas: SchemaDefinition[] = registry.schemas().map((schema) => {
    const added = additions.attributes.get(schema.id.toLowerCase());
    return added ? { ...schema, attributes: [...schema.attributes, ...added.learned] } : schema;
  });
  for (const [lower, urn] of additions.extensions) {
    if (registry.getSchema(urn)) continue;
    const attributes = additions.attributes.get(lower)?.learned ?? [];
    schemas.push({ id: urn, name: urn.slice(urn.lastIndexOf(':') + 1) || urn, attributes });
  }
  const resourceTypes = registry.resourceTypes().map((resourceType) =>
    resourceType.name.toLowerCase() === objectType.toLowerCase()
      ? {
          ...resourceType,
          schemaExtensions: [
            ...resourceType.schemaExtensions,
            ...[...additions.extensions.values()].map((schema) => ({ schema, required: false })),
          ],
        }
      : resourceType,
  );
  return new SchemaRegistry(schemas, resourceTypes);
}
