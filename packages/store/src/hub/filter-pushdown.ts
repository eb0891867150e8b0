import type { ObjectType } from '@idsync/core';
import {
  GROUP_SCHEMA,
  parseInstant,
  USER_SCHEMA,
  type AttributePath,
  type ComparisonFilter,
  type FilterNode,
  type ValuePathFilter,
} from '@idsync/scim';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { isHubId } from './hub-id.js';

/**
 * What SQL can do of a SCIM filter. `condition` holds for every match (rows outside it can be
 * skipped); `exact` says it selects exactly the matches, so the evaluator need not look at the
 * rows. Only comparisons whose SQL meaning is the same as the evaluator's are translated —
 * on columns that hold the evaluated value already normalised (lower-cased keys, "C"
 * collation) — and every literal is a bound parameter.
 */
export interface Pushdown {
  readonly condition?: RawBuilder<SqlBool>;
  readonly exact: boolean;
}

const NOT_PUSHED: Pushdown = { exact: false };

/** How one attribute path is stored: which column, and how its values compare. */
type Target =
  | { readonly kind: 'folded'; readonly column: string } // caseExact false, stored lower-cased
  | { readonly kind: 'exact'; readonly column: string } // caseExact true
  | { readonly kind: 'id' }
  | { readonly kind: 'instant'; readonly column: string }
  | { readonly kind: 'email' };

const CORE_SCHEMA: Readonly<Record<ObjectType, string>> = { User: USER_SCHEMA, Group: GROUP_SCHEMA };

/** xsd:dateTime with a time and an explicit offset, at most microseconds: what timestamptz reads exactly. */
const PUSHABLE_INSTANT =
  /^\d{4}-\d\d-\d\dT(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,6})?(?:Z|[+-]\d\d:\d\d)$/i;

function resolveTarget(path: AttributePath, type: ObjectType): Target | undefined {
  const qualified = path.schema !== undefined;
  if (qualified && path.schema!.toLowerCase() !== CORE_SCHEMA[type].toLowerCase()) return undefined;
  const attribute = path.attribute.toLowerCase();
  const sub = path.subAttribute?.toLowerCase();
  if (attribute === 'username' && type === 'User' && sub === undefined)
    return { kind: 'folded', column: 'o.user_name' };
  if (attribute === 'displayname' && sub === undefined) return { kind: 'folded', column: 'o.display_name' };
  if (attribute === 'emails' && type === 'User' && (sub === undefined || sub === 'value'))
    return { kind: 'email' };
  // id, externalId and meta are common attributes, not part of the core schema: unqualified only.
  if (qualified) return undefined;
  if (attribute === 'externalid' && sub === undefined) return { kind: 'exact', column: 'o.external_id' };
  if (attribute === 'id' && sub === undefined) return { kind: 'id' };
  if (attribute === 'meta' && sub === 'created') return { kind: 'instant', column: 'o.created_at' };
  if (attribute === 'meta' && sub === 'lastmodified') return { kind: 'instant', column: 'o.updated_at' };
  return undefined;
}

/** LIKE pattern for a substring operator, with the literal's own `%`, `_` and `\` escaped. */
function likePattern(operator: 'sw' | 'ew' | 'co', value: string): string {
  const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
  return operator === 'sw' ? `${escaped}%` : operator === 'ew' ? `%${escaped}` : `%${escaped}%`;
}

/** `column op value` for string columns (value already normalised as the column is). */
function stringCondition(
  column: RawBuilder<unknown>,
  operator: ComparisonFilter['operator'],
  value: string,
): RawBuilder<SqlBool> | undefined {
  switch (operator) {
    case 'eq':
      return sql<SqlBool>`${column} = ${value}`;
    case 'sw':
    case 'ew':
    case 'co':
      return sql<SqlBool>`${column} like ${likePattern(operator, value)}`;
    default:
      return undefined;
  }
}

const INSTANT_OPERATORS = { eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

function isPushableInstant(value: string): boolean {
  if (!PUSHABLE_INSTANT.test(value)) return false;
  const instant = parseInstant(value);
  // Year 0 and earlier are valid xsd:dateTime but out of timestamptz's range.
  return instant !== undefined && Number(value.slice(0, 4)) >= 1;
}

function emailExists(inner: RawBuilder<SqlBool>): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from hub_emails e where e.object_id = o.id and ${inner})`;
}

function comparison(node: ComparisonFilter, type: ObjectType): Pushdown {
  const target = resolveTarget(node.path, type);
  if (!target || typeof node.value !== 'string') return NOT_PUSHED;
  const value = node.value;
  let condition: RawBuilder<SqlBool> | undefined;
  switch (target.kind) {
    case 'folded':
      condition = stringCondition(sql.ref(target.column), node.operator, value.toLowerCase());
      break;
    case 'exact':
      condition = stringCondition(sql.ref(target.column), node.operator, value);
      break;
    case 'id':
      // A literal that is not a canonical UUID equals no id (ids are case-exact).
      if (node.operator === 'eq')
        condition = isHubId(value) ? sql<SqlBool>`o.id = ${value}::uuid` : sql<SqlBool>`false`;
      else condition = stringCondition(sql`o.id::text`, node.operator, value);
      break;
    case 'instant': {
      const operator = INSTANT_OPERATORS[node.operator as keyof typeof INSTANT_OPERATORS];
      if (operator && isPushableInstant(value)) {
        condition = sql<SqlBool>`${sql.ref(target.column)} ${sql.raw(operator)} ${value}::timestamptz`;
      }
      break;
    }
    case 'email': {
      const inner = stringCondition(sql.ref('e.email'), node.operator, value.toLowerCase());
      condition = inner && emailExists(inner);
      break;
    }
  }
  return condition ? { condition, exact: true } : NOT_PUSHED;
}

function present(path: AttributePath, type: ObjectType): Pushdown {
  const target = resolveTarget(path, type);
  if (!target) return NOT_PUSHED;
  if (target.kind === 'folded' || target.kind === 'exact') {
    const column = sql.ref(target.column);
    return { condition: sql<SqlBool>`(${column} is not null and ${column} <> '')`, exact: true };
  }
  if (target.kind === 'id' || target.kind === 'instant')
    return { condition: sql<SqlBool>`true`, exact: true };
  return NOT_PUSHED;
}

/** Combines operands; `leaf` translates the non-logical nodes (resource or email-element level). */
function translate(node: FilterNode, leaf: (node: FilterNode) => Pushdown, allowNot: boolean): Pushdown {
  switch (node.kind) {
    case 'and': {
      const left = translate(node.left, leaf, allowNot);
      const right = translate(node.right, leaf, allowNot);
      const condition =
        left.condition && right.condition
          ? sql<SqlBool>`(${left.condition} and ${right.condition})`
          : (left.condition ?? right.condition);
      return condition ? { condition, exact: left.exact && right.exact } : NOT_PUSHED;
    }
    case 'or': {
      const left = translate(node.left, leaf, allowNot);
      const right = translate(node.right, leaf, allowNot);
      if (!left.condition || !right.condition) return NOT_PUSHED;
      return {
        condition: sql<SqlBool>`(${left.condition} or ${right.condition})`,
        exact: left.exact && right.exact,
      };
    }
    case 'not': {
      if (!allowNot) return NOT_PUSHED;
      const inner = translate(node.filter, leaf, allowNot);
      // SQL's NULL (a missing column value) must count as "no match" before negating.
      return inner.exact && inner.condition
        ? { condition: sql<SqlBool>`not coalesce(${inner.condition}, false)`, exact: true }
        : NOT_PUSHED;
    }
    default:
      return leaf(node);
  }
}

/**
 * `emails[…]`: the email index has one row per distinct lower-cased value, so only conditions
 * on `value` translate (each row stands for an element); `not` does not, as elements without a
 * value have no row to negate.
 */
function emailValuePath(node: ValuePathFilter, type: ObjectType): Pushdown {
  const target = resolveTarget(node.path, type);
  if (target?.kind !== 'email' || node.path.subAttribute !== undefined) return NOT_PUSHED;
  const inner = translate(
    node.filter,
    (leaf) => {
      if (leaf.kind !== 'comparison' || typeof leaf.value !== 'string') return NOT_PUSHED;
      if (
        leaf.path.schema !== undefined ||
        leaf.path.subAttribute !== undefined ||
        leaf.path.attribute.toLowerCase() !== 'value'
      ) {
        return NOT_PUSHED;
      }
      const condition = stringCondition(sql.ref('e.email'), leaf.operator, leaf.value.toLowerCase());
      return condition ? { condition, exact: true } : NOT_PUSHED;
    },
    false,
  );
  return inner.condition ? { condition: emailExists(inner.condition), exact: inner.exact } : NOT_PUSHED;
}

/** Translates what it can of `filter` over `hub_objects o` of one type. */
export function pushDownFilter(filter: FilterNode, type: ObjectType): Pushdown {
  return translate(
    filter,
    (node) => {
      switch (node.kind) {
        case 'comparison':
          return comparison(node, type);
        case 'present':
          return present(node.path, type);
        case 'valuePath':
          return emailValuePath(node, type);
        default:
          return NOT_PUSHED;
      }
    },
    true,
  );
}
