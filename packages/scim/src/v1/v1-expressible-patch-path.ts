import type { FilterLiteral, FilterNode } from '../filter/filter-ast.js';
import { and, eq } from '../filter/filter-builders.js';
import { formatPatchPath } from '../filter/format-filter.js';
import { parsePatchPath } from '../filter/parse-patch-path.js';
import type { AttributePath } from '../schema/attribute-path.js';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from '../schema/urns.js';
import { isV2CoreSchema } from './v1-schema-urns.js';

/** `subAttribute eq literal` inside a value filter. */
export interface EqualityCondition {
  readonly attribute: string;
  readonly value: FilterLiteral;
}

/**
 * A 2.0 PATCH path, read only as far as SCIM 1.1 can follow it. 1.1 names attributes and, for
 * multi-valued ones, single values; so the only value filters worth reading are conjunctions of
 * `eq` comparisons, which can be matched against concrete values. Anything else is `unsupported`.
 */
export type V1ExpressiblePatchPath =
  | { readonly kind: 'attribute'; readonly path: AttributePath }
  | {
      readonly kind: 'filtered';
      /** The multi-valued attribute (never with a sub-attribute). */
      readonly path: AttributePath;
      readonly conditions: readonly EqualityCondition[];
      /** The `.sub` after the filter, as in `emails[type eq "work"].value`. */
      readonly subAttribute?: string;
    }
  | { readonly kind: 'unsupported'; readonly reason: string };

export const KNOWN_V2_SCHEMAS = [USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE_USER_SCHEMA];

/** Core-qualified names (`urn:…:core:2.0:User:userName`) are plain core attributes. */
function unqualifyCore(path: AttributePath): AttributePath {
  if (path.schema === undefined || !isV2CoreSchema(path.schema)) return path;
  return {
    attribute: path.attribute,
    ...(path.subAttribute !== undefined ? { subAttribute: path.subAttribute } : {}),
  };
}

function equalityConditions(node: FilterNode, into: EqualityCondition[]): boolean {
  if (node.kind === 'and') return equalityConditions(node.left, into) && equalityConditions(node.right, into);
  if (node.kind !== 'comparison' || node.operator !== 'eq') return false;
  if (node.path.schema !== undefined || node.path.subAttribute !== undefined) return false;
  into.push({ attribute: node.path.attribute, value: node.value });
  return true;
}

/**
 * Reads a 2.0 PATCH path into a form SCIM 1.1 can express, or says why it has none. A path that
 * does not parse at all throws the parser's `invalidPath` error.
 */
export function readV1ExpressiblePatchPath(text: string): V1ExpressiblePatchPath {
  const parsed = parsePatchPath(text, KNOWN_V2_SCHEMAS);
  const path = unqualifyCore(parsed.attribute);
  if (!parsed.valueFilter) return { kind: 'attribute', path };
  const conditions: EqualityCondition[] = [];
  if (!equalityConditions(parsed.valueFilter, conditions)) {
    return {
      kind: 'unsupported',
      reason: 'only value filters made of "eq" comparisons joined by "and" can be matched to 1.1 values',
    };
  }
  return {
    kind: 'filtered',
    path,
    conditions,
    ...(parsed.subAttribute !== undefined ? { subAttribute: parsed.subAttribute } : {}),
  };
}

/** Writes `attribute[a eq "x" and b eq "y"]` with values escaped by the filter formatter. */
export function formatFilteredPath(path: AttributePath, conditions: readonly EqualityCondition[]): string {
  const [first, ...rest] = conditions.map((condition) =>
    eq({ attribute: condition.attribute }, condition.value),
  );
  if (!first) return formatPatchPath({ attribute: path });
  return formatPatchPath({ attribute: path, valueFilter: and(first, ...rest) });
}

/** Writes a plain attribute path (`name.givenName`, `urn:…:User:manager.value`). */
export function formatAttributePathText(path: AttributePath): string {
  return formatPatchPath({ attribute: path });
}
