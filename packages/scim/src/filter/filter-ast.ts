import type { AttributePath } from '../schema/attribute-path.js';

/** Attribute operators of RFC 7644 §3.4.2.2 (table 3), lower-cased. `pr` is a node kind of its own. */
export type ComparisonOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/**
 * A literal compared against an attribute. dateTime values are strings on the wire; the
 * evaluator compares them as instants when the attribute's type is dateTime.
 */
export type FilterLiteral = string | number | boolean | null;

/** `path op value` */
export interface ComparisonFilter {
  readonly kind: 'comparison';
  readonly path: AttributePath;
  readonly operator: ComparisonOperator;
  readonly value: FilterLiteral;
}

/** `path pr` */
export interface PresentFilter {
  readonly kind: 'present';
  readonly path: AttributePath;
}

/** `left and right`, `left or right` */
export interface LogicalFilter {
  readonly kind: 'and' | 'or';
  readonly left: FilterNode;
  readonly right: FilterNode;
}

/** `not (filter)` */
export interface NotFilter {
  readonly kind: 'not';
  readonly filter: FilterNode;
}

/**
 * `attribute[filter]`: the inner filter's paths are relative to the (complex, usually
 * multi-valued) attribute, e.g. `emails[type eq "work" and value co "@x.org"]`.
 */
export interface ValuePathFilter {
  readonly kind: 'valuePath';
  readonly path: AttributePath;
  readonly filter: FilterNode;
}

export type FilterNode = ComparisonFilter | PresentFilter | LogicalFilter | NotFilter | ValuePathFilter;

/**
 * A PATCH `path` (RFC 7644 §3.5.2): `attrPath`, or `valuePath [ "." subAttr ]`, e.g.
 * `name.givenName`, `members[value eq "2819c223"]`, `emails[type eq "work"].value`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager`.
 */
export interface PatchPath {
  /** The attribute; carries `subAttribute` only for the plain `attr.sub` form. */
  readonly attribute: AttributePath;
  /** The value filter of the `attr[filter]` form. */
  readonly valueFilter?: FilterNode;
  /** The sub-attribute after a value filter: the `.value` of `emails[type eq "work"].value`. */
  readonly subAttribute?: string;
}
