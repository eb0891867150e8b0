import type { AttributeDefinition } from '../schema/attribute-definition.js';
import { COMMON_ATTRIBUTES } from '../schema/common-attributes.js';
import type { SchemaRegistry, SchemaScope } from '../schema/schema-registry.js';
import { selectAttributes, selectionOf, TOP_LEVEL, type AttributeSelection } from './attribute-selection.js';

export interface ProjectionRequest {
  readonly attributes?: readonly string[];
  readonly excludedAttributes?: readonly string[];
}

export interface ProjectionContext {
  readonly registry: SchemaRegistry;
  readonly scope: SchemaScope;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function findDefinition(
  definitions: readonly AttributeDefinition[],
  name: string,
): AttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return definitions.find((d) => d.name.toLowerCase() === lower);
}

interface Rules {
  readonly requested?: AttributeSelection;
  readonly excluded?: AttributeSelection;
}

/**
 * Whether an attribute (or sub-attribute) appears, by its `returned` characteristic
 * (RFC 7643 §7, RFC 7644 §3.4.2.5): `never` never; `always` always; `request` only when named
 * in `attributes`; `default` when `attributes` is absent or names it, unless excluded.
 */
function isReturned(
  definition: AttributeDefinition,
  named: boolean,
  excluded: boolean,
  hasRequest: boolean,
): boolean {
  switch (definition.returned) {
    case 'never':
      return false;
    case 'always':
      return true;
    case 'request':
      return named && !excluded;
    default:
      return (hasRequest ? named : true) && !excluded;
  }
}

/** Keeps the sub-attributes of one complex value that the rules let through. */
function projectComplex(
  value: Json,
  definition: AttributeDefinition,
  requested: 'whole' | Set<string> | undefined,
  excluded: 'whole' | Set<string> | undefined,
  hasRequest: boolean,
): Json {
  const output: Json = {};
  for (const [key, subValue] of Object.entries(value)) {
    const sub = findDefinition(definition.subAttributes ?? [], key);
    const lower = key.toLowerCase();
    const named = requested === 'whole' || (requested instanceof Set && requested.has(lower)) || !hasRequest;
    const isExcluded = excluded instanceof Set && excluded.has(lower);
    if (!sub) {
      // Data the schema does not describe is shown when its parent is shown whole.
      if ((requested === 'whole' || !hasRequest) && !isExcluded) output[key] = subValue;
      continue;
    }
    // A parent named whole returns its default sub-attributes, not those returned on request.
    const explicitlyNamed = requested instanceof Set && requested.has(lower);
    const returned =
      sub.returned === 'request' ? explicitlyNamed && !isExcluded : isReturned(sub, named, isExcluded, true);
    if (returned) output[key] = subValue;
  }
  return output;
}

function projectHolder(
  holder: Json,
  definitions: readonly AttributeDefinition[],
  holderKey: string,
  rules: Rules,
  skip: (key: string) => boolean,
): Json {
  const output: Json = {};
  const hasRequest = rules.requested !== undefined;
  for (const [key, value] of Object.entries(holder)) {
    if (skip(key)) continue;
    const definition = findDefinition(definitions, key);
    const requested = selectionOf(rules.requested, holderKey, key);
    const excluded = selectionOf(rules.excluded, holderKey, key);
    if (!definition) {
      if (!hasRequest && excluded === undefined) output[key] = value;
      continue;
    }
    // Naming a whole schema by its URN returns its default attributes; one returned only on
    // request must be named itself.
    const named =
      definition.returned === 'request'
        ? rules.requested?.attributes.get(holderKey)?.has(key.toLowerCase()) === true
        : requested !== undefined;
    if (!isReturned(definition, named, excluded === 'whole', hasRequest)) continue;
    if (definition.type !== 'complex') {
      output[key] = value;
      continue;
    }
    // An `always` parent that was not named shows its default sub-attributes.
    const subRequest = hasRequest ? (requested ?? 'whole') : undefined;
    const project = (item: unknown) =>
      isObject(item) ? projectComplex(item, definition, subRequest, excluded, hasRequest) : item;
    // Values left empty by a sub-attribute projection carry nothing and are dropped.
    const kept = (item: unknown) => !isObject(item) || Object.keys(item).length > 0;
    if (Array.isArray(value)) {
      const projected = value.map(project).filter(kept);
      if (projected.length > 0 || value.length === 0) output[key] = projected;
    } else {
      const projected = project(value);
      if (kept(projected)) output[key] = projected;
    }
  }
  return output;
}

/**
 * Applies `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9) and the `returned`
 * characteristic to a resource before it is sent: `never` attributes such as `password` are
 * never returned; `always` ones (`id`, and `schemas`) always are; `request` ones only when
 * named in `attributes`; `default` ones unless excluded, or only when named once `attributes`
 * is given. Names may be sub-attributes (`name.givenName`, `emails.value`), URN-qualified
 * (`urn:…:enterprise:2.0:User:department`) or a bare extension URN for the whole extension;
 * they are matched without case, and names that no schema knows select nothing. An extension
 * left empty is omitted. The resource is not changed; a new object is returned.
 */
export function projectAttributes<T extends object>(
  resource: T,
  request: ProjectionRequest,
  context: ProjectionContext,
): T {
  const { registry, scope } = context;
  const rules: Rules = {
    ...(request.attributes && request.attributes.length > 0
      ? { requested: selectAttributes(request.attributes, registry, scope) }
      : {}),
    ...(request.excludedAttributes && request.excludedAttributes.length > 0
      ? { excluded: selectAttributes(request.excludedAttributes, registry, scope) }
      : {}),
  };
  const source = resource as Json;
  const extensionOf = (key: string) => scope.extensions.find((e) => e.toLowerCase() === key.toLowerCase());
  const core = registry.getSchema(scope.core);
  const output = projectHolder(
    source,
    [...COMMON_ATTRIBUTES, ...(core?.attributes ?? [])],
    TOP_LEVEL,
    rules,
    (key) => key.toLowerCase() === 'schemas' || extensionOf(key) !== undefined,
  );
  const result: Json = {};
  if ('schemas' in source) result.schemas = source.schemas;
  Object.assign(result, output);
  for (const [key, value] of Object.entries(source)) {
    const urn = extensionOf(key);
    if (!urn || !isObject(value)) continue;
    const holderKey = urn.toLowerCase();
    if (rules.excluded?.wholeHolders.has(holderKey)) continue;
    const projected = projectHolder(
      value,
      registry.getSchema(urn)?.attributes ?? [],
      holderKey,
      rules,
      () => false,
    );
    if (Object.keys(projected).length > 0) result[key] = projected;
  }
  return result as T;
}
