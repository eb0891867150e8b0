import { ConnectorError } from '@idsync/core';
import { formatFilter, type AttributePath, type ComparisonFilter, type FilterNode } from '@idsync/scim';
import { NOTHING, allOf, anyOf, equalTo, not, present, substrings } from '../escape/ldap-filter.js';
import type { AttributeMapping } from './attribute-map.js';

export interface FilterTranslation {
  readonly mappings: readonly AttributeMapping[];
  /** The LDAP attribute holding `id` (entryUUID); undefined where ids cannot be filtered on (AD's binary objectGUID). */
  readonly idAttribute?: string;
}

function unsupported(filter: FilterNode, why: string): ConnectorError {
  return new ConnectorError(
    'unsupported',
    `find: the filter ${formatFilter(filter)} cannot be translated to LDAP: ${why}.`,
  );
}

const same = (left: string | undefined, right: string | undefined) =>
  (left ?? '').toLowerCase() === (right ?? '').toLowerCase();

/** The mappings a SCIM attribute path refers to (several for `emails.value` when work and home are both mapped). */
function mappingsFor(path: AttributePath, translation: FilterTranslation): AttributeMapping[] {
  return translation.mappings.filter(({ target }) => {
    if (!same(target.attribute, path.attribute)) return false;
    if (path.schema !== undefined && !same(target.schema, path.schema)) return false;
    const sub = path.subAttribute ?? (target.multiValued ? 'value' : undefined);
    return same(target.subAttribute, sub);
  });
}

function literal(filter: ComparisonFilter): string {
  const { value } = filter;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw unsupported(filter, 'null values have no LDAP form');
}

/** One comparison against one LDAP attribute; every value is escaped by the builders. */
function compare(attribute: string, filter: ComparisonFilter): string {
  const value = literal(filter);
  switch (filter.operator) {
    case 'eq':
      return equalTo(attribute, value);
    case 'ne':
      return allOf(present(attribute), not(equalTo(attribute, value)));
    case 'co':
      return substrings(attribute, { any: [value] });
    case 'sw':
      return substrings(attribute, { initial: value });
    case 'ew':
      return substrings(attribute, { final: value });
    default:
      throw unsupported(
        filter,
        `the operator "${filter.operator}" is not supported (LDAP ordering depends on each attribute's schema)`,
      );
  }
}

function attributesOf(filter: FilterNode, path: AttributePath, translation: FilterTranslation): string[] {
  if (!path.schema && same(path.attribute, 'id') && !path.subAttribute) {
    if (!translation.idAttribute)
      throw unsupported(filter, 'this directory cannot filter on id; use get() to read by id');
    return [translation.idAttribute];
  }
  const mappings = mappingsFor(path, translation);
  if (mappings.length === 0) {
    const mapped = [...new Set(translation.mappings.map((m) => m.path))].join(', ');
    throw unsupported(filter, `no LDAP attribute is mapped to it (mapped: ${mapped})`);
  }
  return mappings.map((mapping) => mapping.ldapAttribute);
}

function flattenAnd(node: FilterNode): FilterNode[] {
  return node.kind === 'and' ? [...flattenAnd(node.left), ...flattenAnd(node.right)] : [node];
}

/** `emails[type eq "work" and value co "@x.org"]`: type terms choose the mapping, the rest filter its values. */
function valuePath(filter: FilterNode & { kind: 'valuePath' }, translation: FilterTranslation): string {
  const terms = flattenAnd(filter.filter);
  const isType = (term: FilterNode): term is ComparisonFilter =>
    term.kind === 'comparison' &&
    same(term.path.attribute, 'type') &&
    term.operator === 'eq' &&
    typeof term.value === 'string';
  const types = terms.filter(isType).map((term) => String(term.value).toLowerCase());
  let candidates = translation.mappings.filter(
    ({ target }) =>
      same(target.attribute, filter.path.attribute) &&
      (filter.path.schema === undefined || same(target.schema, filter.path.schema)),
  );
  if (candidates.length === 0)
    throw unsupported(filter, `no LDAP attribute is mapped to ${filter.path.attribute}`);
  if (types.length > 0) {
    if (new Set(types).size > 1) return NOTHING;
    candidates = candidates.filter(
      ({ target }) => target.valueType !== undefined && target.valueType.toLowerCase() === types[0],
    );
    if (candidates.length === 0) return NOTHING;
  }
  const rest = terms.filter((term) => !isType(term));
  const perAttribute = candidates.map((mapping) => {
    const sub: FilterTranslation = {
      mappings: [
        {
          ...mapping,
          target: {
            ...mapping.target,
            attribute: 'value',
            subAttribute: undefined,
            multiValued: false,
            schema: undefined,
          },
        },
      ],
    };
    const parts = rest.map((term) => translateFilter(term, sub));
    return parts.length === 0 ? present(mapping.ldapAttribute) : allOf(...parts);
  });
  return anyOf(...perAttribute);
}

/**
 * Translates a SCIM filter into an LDAP filter over the mapped attributes: eq, ne, co, sw, ew,
 * pr, and, or, not, and value paths that select elements by type. Every value is escaped
 * (RFC 4515), so `*)(uid=*` stays a literal. What LDAP cannot express faithfully — ordering
 * operators, unmapped attributes — is refused with `unsupported` rather than answered wrongly:
 * a correlation that silently matched nothing would make the engine create a duplicate.
 */
export function translateFilter(filter: FilterNode, translation: FilterTranslation): string {
  switch (filter.kind) {
    case 'and':
      return allOf(translateFilter(filter.left, translation), translateFilter(filter.right, translation));
    case 'or':
      return anyOf(translateFilter(filter.left, translation), translateFilter(filter.right, translation));
    case 'not':
      return not(translateFilter(filter.filter, translation));
    case 'present':
      return anyOf(...attributesOf(filter, filter.path, translation).map(present));
    case 'comparison':
      return anyOf(
        ...attributesOf(filter, filter.path, translation).map((attribute) => compare(attribute, filter)),
      );
    case 'valuePath':
      return valuePath(filter, translation);
  }
}
