import type { ObjectType } from '@idsync/core';
import { GROUP_SCHEMA, ScimError, splitAttributePath, USER_SCHEMA } from '@idsync/scim';
import { sql, type RawBuilder } from 'kysely';

/**
 * A SCIM `sortBy` as SQL ordering. Rows are ordered by (value missing, value, id): values
 * before missing ones when ascending and the exact reverse when descending (RFC 7644 §3.4.2.3),
 * with the id as the tie-break that makes the order total — the same order for the SQL page
 * and the streamed in-memory path, and a stable key for keyset pagination.
 */
export interface SortKey {
  /** The sort value; absent when sorting by id alone. */
  readonly value?: RawBuilder<unknown>;
  /** Whether the value can be missing (then `(value is null)` leads the key). */
  readonly nullable: boolean;
  /** The SQL type the keyset bound is cast to. */
  readonly sqlType: 'text' | 'timestamptz';
}

export const SORT_BY_ID: SortKey = { nullable: false, sqlType: 'text' };

const SUPPORTED = 'userName, displayName, externalId, id, meta.created or meta.lastModified';

/**
 * userName and displayName sort on the lower-cased columns (caseExact false sorts without
 * case); externalId is case-exact. The "C" collation orders by code point on every server.
 */
export function sortKeyFor(type: ObjectType, sortBy: string | undefined): SortKey {
  if (sortBy === undefined || sortBy === '') return SORT_BY_ID;
  const path = splitAttributePath(sortBy, [USER_SCHEMA, GROUP_SCHEMA]);
  const core = type === 'User' ? USER_SCHEMA : GROUP_SCHEMA;
  const qualified = path?.schema !== undefined;
  if (path && (!qualified || path.schema!.toLowerCase() === core.toLowerCase())) {
    const name = path.subAttribute
      ? `${path.attribute}.${path.subAttribute}`.toLowerCase()
      : path.attribute.toLowerCase();
    switch (name) {
      case 'username':
        // Every user has one; a group has none, so all groups tie and fall back to id order.
        return type === 'User'
          ? { value: sql.ref('o.user_name'), nullable: false, sqlType: 'text' }
          : SORT_BY_ID;
      case 'displayname':
        // Required for groups, optional for users.
        return { value: sql.ref('o.display_name'), nullable: type === 'User', sqlType: 'text' };
    }
    if (!qualified) {
      switch (name) {
        case 'externalid':
          return { value: sql.ref('o.external_id'), nullable: true, sqlType: 'text' };
        case 'id':
          return SORT_BY_ID;
        case 'meta.created':
          return { value: sql.ref('o.created_at'), nullable: false, sqlType: 'timestamptz' };
        case 'meta.lastmodified':
          return { value: sql.ref('o.updated_at'), nullable: false, sqlType: 'timestamptz' };
      }
    }
  }
  throw ScimError.invalidValue(`The hub cannot sort ${type}s by "${sortBy}"; sort by ${SUPPORTED}.`);
}

/** The ORDER BY terms of a key, in one direction. */
export function orderTerms(key: SortKey, descending: boolean): RawBuilder<unknown>[] {
  const direction = sql.raw(descending ? 'desc' : 'asc');
  const terms: RawBuilder<unknown>[] = [];
  if (key.value && key.nullable) terms.push(sql`(${key.value} is null) ${direction}`);
  if (key.value) terms.push(sql`${key.value} ${direction}`);
  terms.push(sql`o.id ${direction}`);
  return terms;
}

/** Where a keyset page ends: the key of its last row. */
export interface KeysetBound {
  readonly missing: boolean;
  readonly value: unknown;
  readonly id: string;
}

/** Rows strictly after `bound` in the key's order, as one row comparison. */
export function afterBound(key: SortKey, descending: boolean, bound: KeysetBound): RawBuilder<boolean> {
  const comparison = sql.raw(descending ? '<' : '>');
  if (!key.value) return sql<boolean>`o.id ${comparison} ${bound.id}::uuid`;
  const type = sql.raw(key.sqlType);
  if (!key.nullable) {
    return sql<boolean>`(${key.value}, o.id) ${comparison} (${bound.value}::${type}, ${bound.id}::uuid)`;
  }
  // Missing values tie on the placeholder: their order is decided by the flag, then the id.
  const filler = key.sqlType === 'text' ? sql`''` : sql`'epoch'::timestamptz`;
  return sql<boolean>`((${key.value} is null), coalesce(${key.value}, ${filler}), o.id) ${comparison} (${bound.missing}::boolean, coalesce(${bound.value}::${type}, ${filler}), ${bound.id}::uuid)`;
}
