import type { SchemaRegistry, SchemaScope } from '../schema/schema-registry.js';

/**
 * Which attributes a list of names (`attributes` or `excludedAttributes`) selects, resolved
 * against the schemas: per holder (`''` for the top level — core and common attributes — or an
 * extension URN in lower case), each attribute (lower case) either whole or by sub-attributes.
 */
export interface AttributeSelection {
  /** Holders named as a whole, by their schema URN (e.g. the enterprise extension). */
  readonly wholeHolders: Set<string>;
  readonly attributes: Map<string, Map<string, 'whole' | Set<string>>>;
}

/** The holder key of the top level, where core and common attributes live. */
export const TOP_LEVEL = '';

/**
 * Resolves names such as `userName`, `name.givenName`, `emails.value`,
 * `urn:…:enterprise:2.0:User:manager.value` or a bare extension URN. Names that resolve to
 * nothing are left out: an attribute the schemas do not know has no value to return.
 */
export function selectAttributes(
  names: readonly string[],
  registry: SchemaRegistry,
  scope: SchemaScope,
): AttributeSelection {
  const selection: AttributeSelection = { wholeHolders: new Set(), attributes: new Map() };
  for (const name of names) {
    const lower = name.toLowerCase();
    if (lower === scope.core.toLowerCase()) {
      selection.wholeHolders.add(TOP_LEVEL);
      continue;
    }
    const extension = scope.extensions.find((e) => e.toLowerCase() === lower);
    if (extension) {
      selection.wholeHolders.add(lower);
      continue;
    }
    const resolved = registry.resolve(name, scope);
    if (!resolved) continue;
    const holder = resolved.inExtension ? resolved.schema.toLowerCase() : TOP_LEVEL;
    const attributes = selection.attributes.get(holder) ?? new Map<string, 'whole' | Set<string>>();
    selection.attributes.set(holder, attributes);
    const key = resolved.definition.name.toLowerCase();
    const current = attributes.get(key);
    if (!resolved.subDefinition || current === 'whole') {
      attributes.set(key, 'whole');
    } else {
      const subs = current ?? new Set<string>();
      subs.add(resolved.subDefinition.name.toLowerCase());
      attributes.set(key, subs);
    }
  }
  return selection;
}

/** How a selection names one attribute: whole, some sub-attributes, or not at all. */
export function selectionOf(
  selection: AttributeSelection | undefined,
  holder: string,
  attribute: string,
): 'whole' | Set<string> | undefined {
  if (!selection) return undefined;
  if (selection.wholeHolders.has(holder)) return 'whole';
  return selection.attributes.get(holder)?.get(attribute.toLowerCase());
}
