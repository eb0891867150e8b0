import { ScimError } from '../errors/scim-error.js';
import type {
  AttributeDefinition,
  ResourceTypeDefinition,
  SchemaDefinition,
} from './attribute-definition.js';
import { formatAttributePath, splitAttributePath, type AttributePath } from './attribute-path.js';
import { COMMON_ATTRIBUTES } from './common-attributes.js';
import { validateSchemaDefinition } from './validate-schema-definition.js';

/** Which schemas an attribute name is looked up in: a resource type's core schema and its extensions. */
export interface SchemaScope {
  readonly core: string;
  readonly extensions: readonly string[];
}

/** An attribute path resolved against the registered schemas. */
export interface ResolvedAttribute {
  /** URN of the schema that defines the attribute. */
  readonly schema: string;
  /**
   * True when the attribute lives under the schema URN key of the resource
   * (`resource[schema][name]`), false for core attributes at the top level.
   */
  readonly inExtension: boolean;
  /** The attribute as the schema spells it. */
  readonly definition: AttributeDefinition;
  /** The sub-attribute when the path named one, as the schema spells it. */
  readonly subDefinition?: AttributeDefinition;
}

function findByName<T extends { name: string }>(
  items: readonly T[] | undefined,
  name: string,
): T | undefined {
  if (!items) return undefined;
  const lower = name.toLowerCase();
  return items.find((item) => item.name.toLowerCase() === lower);
}

/**
 * Schemas and resource types known to one SCIM service (or one client's view of a target).
 * Extension schemas are registered at run time, with any URN — also ones that do not follow
 * `urn:ietf:params:scim:schemas:extension:<Org>:2.0:User`. Lookups are case-insensitive.
 */
export class SchemaRegistry {
  private readonly schemasByUrn = new Map<string, SchemaDefinition>();
  private readonly resourceTypesByName = new Map<string, ResourceTypeDefinition>();

  constructor(
    schemas: Iterable<SchemaDefinition> = [],
    resourceTypes: Iterable<ResourceTypeDefinition> = [],
  ) {
    for (const schema of schemas) this.registerSchema(schema);
    for (const resourceType of resourceTypes) this.registerResourceType(resourceType);
  }

  /** Adds or replaces a schema. Throws a ScimError naming the first problem when the definition is malformed. */
  registerSchema(schema: SchemaDefinition): this {
    validateSchemaDefinition(schema);
    this.schemasByUrn.set(schema.id.toLowerCase(), schema);
    return this;
  }

  /** Adds or replaces a resource type; its schemas must already be registered. */
  registerResourceType(resourceType: ResourceTypeDefinition): this {
    for (const urn of [resourceType.schema, ...resourceType.schemaExtensions.map((e) => e.schema)]) {
      if (!this.getSchema(urn)) {
        throw ScimError.invalidValue(
          `Resource type "${resourceType.name}" refers to schema "${urn}", which is not registered; register the schema first.`,
        );
      }
    }
    this.resourceTypesByName.set(resourceType.name.toLowerCase(), resourceType);
    return this;
  }

  /** Adds an extension schema to an existing resource type (e.g. a custom URN for User). */
  extendResourceType(resourceTypeName: string, schemaUrn: string, required = false): this {
    const resourceType = this.getResourceType(resourceTypeName);
    if (!resourceType) throw ScimError.invalidValue(`Unknown resource type "${resourceTypeName}".`);
    const known = resourceType.schemaExtensions.some(
      (e) => e.schema.toLowerCase() === schemaUrn.toLowerCase(),
    );
    if (known) return this;
    return this.registerResourceType({
      ...resourceType,
      schemaExtensions: [...resourceType.schemaExtensions, { schema: schemaUrn, required }],
    });
  }

  getSchema(urn: string): SchemaDefinition | undefined {
    return this.schemasByUrn.get(urn.toLowerCase());
  }

  getResourceType(name: string): ResourceTypeDefinition | undefined {
    return this.resourceTypesByName.get(name.toLowerCase());
  }

  /** The resource type served at an endpoint such as `/Users` (case-insensitive). */
  getResourceTypeByEndpoint(endpoint: string): ResourceTypeDefinition | undefined {
    const wanted = '/' + endpoint.replace(/^\/+/, '').toLowerCase();
    return this.resourceTypes().find((rt) => '/' + rt.endpoint.replace(/^\/+/, '').toLowerCase() === wanted);
  }

  schemas(): SchemaDefinition[] {
    return [...this.schemasByUrn.values()];
  }

  resourceTypes(): ResourceTypeDefinition[] {
    return [...this.resourceTypesByName.values()];
  }

  /** The scope of a resource type, for resolving attribute names of its resources. */
  scopeOf(resourceTypeName: string): SchemaScope {
    const resourceType = this.getResourceType(resourceTypeName);
    if (!resourceType) throw ScimError.invalidValue(`Unknown resource type "${resourceTypeName}".`);
    return { core: resourceType.schema, extensions: resourceType.schemaExtensions.map((e) => e.schema) };
  }

  /**
   * The scope of a resource from its own `schemas` list: the first registered non-extension
   * schema is the core, the rest are extensions. Used where the resource type is not known.
   */
  scopeOfResource(resource: { schemas?: unknown }): SchemaScope | undefined {
    const urns = Array.isArray(resource.schemas)
      ? resource.schemas.filter((s): s is string => typeof s === 'string')
      : [];
    for (const resourceType of this.resourceTypes()) {
      if (urns.some((u) => u.toLowerCase() === resourceType.schema.toLowerCase())) {
        return { core: resourceType.schema, extensions: resourceType.schemaExtensions.map((e) => e.schema) };
      }
    }
    return undefined;
  }

  /** Splits attribute-path text, recognising every registered schema URN as a prefix. */
  parsePath(text: string): AttributePath | undefined {
    return splitAttributePath(
      text,
      this.schemas().map((s) => s.id),
    );
  }

  /**
   * Resolves a path to its definition within a scope. Unqualified names are looked up in the
   * common attributes (id, externalId, meta), the core schema, then — leniently, as many
   * clients send them unqualified — the scope's extensions. Undefined when nothing matches:
   * per RFC 7644 an unknown attribute matches no filter.
   */
  resolve(path: AttributePath | string, scope: SchemaScope): ResolvedAttribute | undefined {
    const parsed = typeof path === 'string' ? this.parsePath(path) : path;
    if (!parsed) return undefined;
    const candidates: { urn: string; inExtension: boolean }[] = [];
    if (parsed.schema) {
      const urn = parsed.schema.toLowerCase();
      if (urn === scope.core.toLowerCase()) candidates.push({ urn: scope.core, inExtension: false });
      else {
        const extension = scope.extensions.find((e) => e.toLowerCase() === urn);
        if (!extension) return undefined;
        candidates.push({ urn: extension, inExtension: true });
      }
    } else {
      candidates.push({ urn: scope.core, inExtension: false });
      for (const extension of scope.extensions) candidates.push({ urn: extension, inExtension: true });
    }
    for (const { urn, inExtension } of candidates) {
      const schema = this.getSchema(urn);
      const definition =
        (!inExtension ? findByName(COMMON_ATTRIBUTES, parsed.attribute) : undefined) ??
        findByName(schema?.attributes, parsed.attribute);
      if (!definition) continue;
      if (parsed.subAttribute === undefined) return { schema: schema?.id ?? urn, inExtension, definition };
      const subDefinition = findByName(definition.subAttributes, parsed.subAttribute);
      // An extension may define a same-named complex attribute that has this sub-attribute.
      if (!subDefinition) continue;
      return { schema: schema?.id ?? urn, inExtension, definition, subDefinition };
    }
    return undefined;
  }

  /** Like `resolve`, but an unknown attribute is an `invalidPath` error that names it. */
  resolveOrThrow(path: AttributePath | string, scope: SchemaScope): ResolvedAttribute {
    const resolved = this.resolve(path, scope);
    if (!resolved) {
      const text = typeof path === 'string' ? path : formatAttributePath(path);
      throw ScimError.invalidPath(
        `Attribute "${text}" is not defined in schema ${[scope.core, ...scope.extensions].join(' or ')}.`,
      );
    }
    return resolved;
  }
}
