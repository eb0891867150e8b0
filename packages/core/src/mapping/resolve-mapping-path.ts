import {
  COMMON_ATTRIBUTES,
  createCoreRegistry,
  GROUP_SCHEMA,
  USER_SCHEMA,
  type AttributeDefinition,
  type SchemaRegistry,
  type SchemaScope,
} from '@idsync/scim';
import { didYouMean } from './closest-names.js';
import { formatMappingPath, PathSyntaxError, type MappingPath, type ValueFilter } from './mapping-path.js';

/** A mapping path placed in a resource: top level or under an extension's URN key. */
export interface ResolvedPath {
  /** Canonical text: URN-qualified for extension attributes, plain for core ones. */
  readonly text: string;
  /** The extension URN the attribute lives under; absent for core and common attributes. */
  readonly extension?: string;
  /** The attribute as the schema spells it (as written for custom extension attributes). */
  readonly attribute: string;
  readonly filter?: ValueFilter;
  readonly subAttribute?: string;
  /** The schema definition when the attribute is known; custom extension attributes have none. */
  readonly definition?: AttributeDefinition;
}

export interface PathResolverOptions {
  /**
   * Schemas to check paths against; the standard SCIM registry when absent. `null` turns
   * checking off: then plain names are top-level attributes and URN-qualified names live under
   * their URN (except the core User and Group URNs).
   */
  readonly registry?: SchemaRegistry | null;
  /** The resource type of source and target objects, `User` by default. */
  readonly objectType?: string;
}

let standardRegistry: SchemaRegistry | undefined;

function findNamed<T extends { name: string }>(items: readonly T[] | undefined, name: string): T | undefined {
  const lower = name.toLowerCase();
  return items?.find((item) => item.name.toLowerCase() === lower);
}

/**
 * Places mapping paths in a resource of one type and checks them against its schemas, so that
 * a typo such as `usrName` or `name.givnName` fails when the rule is loaded, not as a silently
 * empty attribute on every object. Attributes of extension URNs the registry does not know
 * (a connection's custom schemas) are accepted as they are written.
 */
export class PathResolver {
  private readonly registry: SchemaRegistry | null;
  private readonly scope: SchemaScope | undefined;
  /** Schema URNs that help split URN-qualified paths. */
  readonly knownSchemas: readonly string[];
  /** The core schema URN of the object type: the first entry of a target's `schemas`. */
  readonly coreSchema: string;

  constructor(options: PathResolverOptions = {}) {
    this.registry =
      options.registry === undefined ? (standardRegistry ??= createCoreRegistry()) : options.registry;
    const objectType = options.objectType ?? 'User';
    if (this.registry) {
      if (!this.registry.getResourceType(objectType)) {
        const known = this.registry.resourceTypes().map((type) => type.name);
        throw new Error(
          `Unknown object type "${objectType}" for attribute mappings; known types: ${known.join(', ')}.`,
        );
      }
      this.scope = this.registry.scopeOf(objectType);
      this.coreSchema = this.scope.core;
      this.knownSchemas = this.registry.schemas().map((schema) => schema.id);
    } else {
      this.coreSchema = objectType.toLowerCase() === 'group' ? GROUP_SCHEMA : USER_SCHEMA;
      this.knownSchemas = [USER_SCHEMA, GROUP_SCHEMA];
    }
  }

  /** Places and checks `path`; throws `PathSyntaxError` (offset 0) naming what is wrong. */
  resolve(path: MappingPath, role: 'source' | 'target'): ResolvedPath {
    if (path.schema === undefined && path.attribute.toLowerCase() === 'schemas') {
      throw new PathSyntaxError(
        '"schemas" is not an attribute; idsync fills it from the attributes a rule maps',
        0,
      );
    }
    const placed = this.place(path);
    const resolved = placed.definition
      ? this.checkAgainstDefinition(path, placed, placed.definition)
      : placed;
    if (role === 'target') checkTarget(resolved);
    return resolved;
  }

  private place(path: MappingPath): ResolvedPath {
    const { registry, scope } = this;
    if (!registry || !scope) {
      const core =
        path.schema === undefined ||
        [USER_SCHEMA, GROUP_SCHEMA].some((urn) => urn.toLowerCase() === path.schema!.toLowerCase());
      const definition = core ? findNamed(COMMON_ATTRIBUTES, path.attribute) : undefined;
      return build(path, core ? undefined : path.schema, definition);
    }
    const coreAttributes = [...COMMON_ATTRIBUTES, ...(registry.getSchema(scope.core)?.attributes ?? [])];
    if (path.schema !== undefined) {
      const urn = path.schema.toLowerCase();
      if (urn === scope.core.toLowerCase()) return this.known(path, undefined, coreAttributes, scope.core);
      const extension = scope.extensions.find((candidate) => candidate.toLowerCase() === urn);
      if (extension)
        return this.known(path, extension, registry.getSchema(extension)?.attributes ?? [], extension);
      if (registry.getSchema(path.schema)) {
        const schemas = [scope.core, ...scope.extensions].join(', ');
        throw new PathSyntaxError(
          `schema "${path.schema}" is not used by this object type; its schemas are ${schemas}`,
          0,
        );
      }
      return build(path, path.schema, undefined);
    }
    const inCore = findNamed(coreAttributes, path.attribute);
    if (inCore) return build(path, undefined, inCore);
    for (const extension of scope.extensions) {
      const definition = findNamed(registry.getSchema(extension)?.attributes, path.attribute);
      if (definition) return build(path, extension, definition);
    }
    const names = [
      ...coreAttributes.map((attribute) => attribute.name),
      ...scope.extensions.flatMap(
        (urn) => registry.getSchema(urn)?.attributes.map((attribute) => attribute.name) ?? [],
      ),
    ];
    throw new PathSyntaxError(
      `unknown attribute "${path.attribute}".${didYouMean(path.attribute, names)} ` +
        'Attributes of a custom schema are written with its URN, e.g. urn:example:params:scim:schemas:extension:acme:2.0:User:costCenter',
      0,
    );
  }

  private known(
    path: MappingPath,
    extension: string | undefined,
    attributes: readonly AttributeDefinition[],
    urn: string,
  ): ResolvedPath {
    const definition = findNamed(attributes, path.attribute);
    if (!definition) {
      const hint = didYouMean(
        path.attribute,
        attributes.map((attribute) => attribute.name),
      );
      throw new PathSyntaxError(`schema "${urn}" has no attribute "${path.attribute}".${hint}`, 0);
    }
    return build(path, extension, definition);
  }

  private checkAgainstDefinition(
    path: MappingPath,
    placed: ResolvedPath,
    definition: AttributeDefinition,
  ): ResolvedPath {
    const subs = definition.subAttributes ?? [];
    const subName = (name: string, what: string): string => {
      if (definition.type !== 'complex') {
        throw new PathSyntaxError(`"${definition.name}" is not complex and has no ${what} "${name}"`, 0);
      }
      const sub = findNamed(subs, name);
      if (!sub) {
        const hint =
          didYouMean(
            name,
            subs.map((s) => s.name),
          ) || ` Its sub-attributes are ${subs.map((s) => s.name).join(', ')}.`;
        throw new PathSyntaxError(`"${definition.name}" has no sub-attribute "${name}".${hint}`, 0);
      }
      return sub.name;
    };
    let filter = path.filter;
    if (filter) {
      if (!definition.multiValued) {
        throw new PathSyntaxError(
          `"${definition.name}" is single-valued; a value filter selects an element of a multi-valued attribute`,
          0,
        );
      }
      filter = { attribute: subName(filter.attribute, 'sub-attribute'), value: filter.value };
    }
    const subAttribute =
      path.subAttribute !== undefined ? subName(path.subAttribute, 'sub-attribute') : undefined;
    return build(
      { ...path, ...(filter ? { filter } : {}), ...(subAttribute !== undefined ? { subAttribute } : {}) },
      placed.extension,
      definition,
    );
  }
}

function build(
  path: MappingPath,
  extension: string | undefined,
  definition: AttributeDefinition | undefined,
): ResolvedPath {
  const attribute = definition?.name ?? path.attribute;
  const text = formatMappingPath({
    ...path,
    attribute,
    ...(extension !== undefined ? { schema: extension } : { schema: undefined }),
  });
  return {
    text,
    ...(extension !== undefined ? { extension } : {}),
    attribute,
    ...(path.filter ? { filter: path.filter } : {}),
    ...(path.subAttribute !== undefined ? { subAttribute: path.subAttribute } : {}),
    ...(definition ? { definition } : {}),
  };
}

/** Rules for paths that are written: they must be writable and say which element to write. */
function checkTarget(path: ResolvedPath): void {
  const definition = path.definition;
  if (definition?.mutability === 'readOnly') {
    const why =
      definition.name === 'groups'
        ? '; group memberships come from the groups a rule provisions'
        : ' (the service sets it)';
    throw new PathSyntaxError(`"${definition.name}" is read-only and cannot be a mapping target${why}`, 0);
  }
  if (path.filter && path.subAttribute === undefined) {
    throw new PathSyntaxError(
      `name the sub-attribute to write after the value filter, e.g. ${path.text}.value`,
      0,
    );
  }
  if (
    definition?.multiValued &&
    definition.type === 'complex' &&
    path.subAttribute !== undefined &&
    !path.filter
  ) {
    throw new PathSyntaxError(
      `"${definition.name}" is multi-valued: select the element to write with a value filter, e.g. ${definition.name}[type eq "work"].${path.subAttribute}`,
      0,
    );
  }
}
