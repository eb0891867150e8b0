/** Attribute data types of RFC 7643 §2.3. */
export type AttributeType =
  'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'binary' | 'reference' | 'complex';

/** RFC 7643 §7 `mutability`. */
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';

/** RFC 7643 §7 `returned`. */
export type Returned = 'always' | 'never' | 'default' | 'request';

/** RFC 7643 §7 `uniqueness`. */
export type Uniqueness = 'none' | 'server' | 'global';

/**
 * One attribute of a schema with every characteristic of RFC 7643 §7. Objects of this shape are
 * both the data the library works from and, unchanged, the `attributes` entries served by
 * `/Schemas`.
 */
export interface AttributeDefinition {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly description?: string;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly uniqueness: Uniqueness;
  readonly canonicalValues?: readonly string[];
  /** For `reference` attributes: `User`, `Group`, `external`, `uri`, or a resource type name. */
  readonly referenceTypes?: readonly string[];
  /** For `complex` attributes. */
  readonly subAttributes?: readonly AttributeDefinition[];
}

/** A schema resource (RFC 7643 §7): a URN id and its attributes. */
export interface SchemaDefinition {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly attributes: readonly AttributeDefinition[];
}

/** A resource type (RFC 7643 §6): the endpoint, its core schema and its extensions. */
export interface ResourceTypeDefinition {
  readonly id: string;
  readonly name: string;
  readonly endpoint: string;
  readonly description?: string;
  readonly schema: string;
  readonly schemaExtensions: readonly { readonly schema: string; readonly required: boolean }[];
}
