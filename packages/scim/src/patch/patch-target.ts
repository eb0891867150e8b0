import { ScimError } from '../errors/scim-error.js';
import type { FilterNode } from '../filter/filter-ast.js';
import { parsePatchPath } from '../filter/index.js';
import type { AttributeDefinition } from '../schema/attribute-definition.js';
import type { AttributePath } from '../schema/attribute-path.js';
import type { PatchContext } from './patch-operation.js';
import { findSubAttribute } from './sub-attributes.js';

/** An attribute (or part of one) that an operation acts on, resolved against the schemas once. */
export interface AttributeTarget {
  readonly kind: 'attribute';
  /** The path as the client wrote it (or the key of a path-less value), for error messages. */
  readonly text: string;
  /** The extension URN (schema spelling) holding the attribute; undefined for core and common attributes. */
  readonly extension: string | undefined;
  readonly definition: AttributeDefinition;
  /** `name.givenName`, `emails[type eq "work"].value`, or `emails.value` (every element). */
  readonly subDefinition?: AttributeDefinition;
  /** The value filter of `emails[type eq "work"]`. */
  readonly filter?: FilterNode;
}

/** A path that is just an extension schema URN: the target is the whole extension object. */
export interface ExtensionTarget {
  readonly kind: 'extension';
  readonly text: string;
  readonly urn: string;
}

export type PatchTarget = AttributeTarget | ExtensionTarget;

/** Schema URNs, computed once per request: the parser needs them to split URN-qualified paths. */
export interface TargetResolver extends PatchContext {
  readonly knownSchemas: readonly string[];
}

export function createTargetResolver(context: PatchContext): TargetResolver {
  return { ...context, knownSchemas: context.registry.schemas().map((schema) => schema.id) };
}

/** The extension of the scope that `urn` names (case-insensitively), in the scope's spelling. */
export function findScopeExtension(resolver: PatchContext, urn: string): string | undefined {
  const lower = urn.toLowerCase();
  return resolver.scope.extensions.find((extension) => extension.toLowerCase() === lower);
}

/**
 * Resolves the `path` of an operation. Unknown attributes and sub-attributes are `invalidPath`
 * (RFC 7644 §3.12: "the path attribute was invalid"); `noTarget` is kept for a valid path that
 * selects nothing. A value filter is accepted only on a multi-valued attribute.
 */
export function resolvePatchTarget(text: string, resolver: TargetResolver): PatchTarget {
  const extension = findScopeExtension(resolver, text);
  if (extension) return { kind: 'extension', text, urn: extension };
  if (text.toLowerCase() === resolver.scope.core.toLowerCase()) {
    throw ScimError.invalidPath(
      `Path "${text}" names the core schema; leave "path" out to target the whole resource.`,
    );
  }
  const parsed = parsePatchPath(text, resolver.knownSchemas);
  const target = resolveAttribute(parsed.attribute, text, resolver);
  if (!parsed.valueFilter) return target;
  const { definition } = target;
  if (!definition.multiValued) {
    throw ScimError.invalidPath(
      `Path "${text}" puts a value filter on "${definition.name}", which is single-valued; filters select values of multi-valued attributes.`,
    );
  }
  let subDefinition: AttributeDefinition | undefined;
  if (parsed.subAttribute !== undefined) {
    subDefinition =
      definition.type === 'complex' ? findSubAttribute(definition, parsed.subAttribute) : undefined;
    if (!subDefinition) {
      throw ScimError.invalidPath(
        `Path "${text}": "${definition.name}" has no sub-attribute "${parsed.subAttribute}".`,
      );
    }
  }
  return { ...target, filter: parsed.valueFilter, ...(subDefinition ? { subDefinition } : {}) };
}

/**
 * Resolves an attribute path (`userName`, `name.givenName`, `urn:…:User:manager.value`) to a
 * target; also used for the keys of a path-less value.
 */
export function resolveAttribute(path: AttributePath, text: string, resolver: PatchContext): AttributeTarget {
  const resolved = resolver.registry.resolve(path, resolver.scope);
  if (!resolved && path.subAttribute !== undefined) {
    const parent = resolver.registry.resolve({ ...path, subAttribute: undefined }, resolver.scope);
    if (parent) {
      throw ScimError.invalidPath(
        `Attribute "${text}": "${parent.definition.name}" has no sub-attribute "${path.subAttribute}".`,
      );
    }
  }
  if (!resolved) {
    const schemas = [resolver.scope.core, ...resolver.scope.extensions].join(', ');
    throw ScimError.invalidPath(
      `Attribute "${text}" is not defined in the schemas of this resource (${schemas}).`,
    );
  }
  if (resolved.subDefinition === undefined && path.subAttribute !== undefined) {
    throw ScimError.invalidPath(
      `Attribute "${text}": "${resolved.definition.name}" has no sub-attribute "${path.subAttribute}".`,
    );
  }
  return {
    kind: 'attribute',
    text,
    extension: resolved.inExtension ? resolved.schema : undefined,
    definition: resolved.definition,
    ...(resolved.subDefinition ? { subDefinition: resolved.subDefinition } : {}),
  };
}
