import { ScimError } from '@idsync/scim';
import { sql, type Kysely } from 'kysely';
import type { StoreDatabase } from '../database/database-schema.js';
import type { ChangeEntry } from './hub-change-feed.js';
import { isHubId } from './hub-id.js';
import type { GroupReference } from './hub-object-row.js';

/**
 * The membership index: one row per (group, direct member), kept from each group's
 * `resource.members`. It answers "which groups is X in" without reading group documents, and
 * its foreign keys make members that do not exist impossible.
 */

interface MemberRow {
  member_id: string;
  member_type: string;
}

const membershipChange = (row: MemberRow): ChangeEntry => ({
  objectType: row.member_type,
  objectId: row.member_id,
  kind: 'membership',
});

/**
 * Makes the index say exactly `memberIds` for the group. Returns a `membership` change for each
 * member that joined or left, so outbound rules scoped by group see those users move.
 */
export async function syncGroupMembers(
  db: Kysely<StoreDatabase>,
  groupId: string,
  memberIds: readonly string[],
): Promise<ChangeEntry[]> {
  if (memberIds.length > 0) {
    const { rows: missing } = await sql<{ id: string }>`
      select m.id::text as id from unnest(${memberIds}::uuid[]) as m(id)
      where not exists (select 1 from hub_objects o where o.id = m.id)
      limit 5`.execute(db);
    if (missing.length > 0) {
      throw ScimError.invalidValue(
        `Group members refer to hub objects that do not exist: ${missing.map((row) => row.id).join(', ')}. ` +
          'Create them first or leave them out of members.',
      );
    }
  }
  const { rows: removed } = await sql<MemberRow>`
    delete from memberships
    where group_id = ${groupId}::uuid and not (member_id = any(${memberIds}::uuid[]))
    returning member_id::text as member_id, member_type`.execute(db);
  const { rows: added } = await sql<MemberRow>`
    insert into memberships (group_id, member_id, member_type)
    select ${groupId}::uuid, o.id, o.type from hub_objects o where o.id = any(${memberIds}::uuid[])
    on conflict do nothing
    returning member_id::text as member_id, member_type`.execute(db);
  return [...removed, ...added].map(membershipChange);
}

/**
 * Before an object is deleted: takes it out of every group that lists it (rewriting each
 * group's `members`, bumping its version) and returns the change entries — `membership` for
 * those groups, and for the members of the object when it is a group itself.
 */
export async function detachFromGroups(
  db: Kysely<StoreDatabase>,
  objectId: string,
  at: Date,
): Promise<ChangeEntry[]> {
  const { rows: groups } = await sql<{ id: string }>`
    update hub_objects g set
      resource = case when f.members is null then g.resource - 'members' else jsonb_set(g.resource, '{members}', f.members) end,
      version = g.version + 1,
      updated_at = ${at}::timestamptz
    from (
      select h.id, (
        select jsonb_agg(e.member order by e.n)
        from jsonb_array_elements(h.resource -> 'members') with ordinality as e(member, n)
        where e.member ->> 'value' is distinct from ${objectId}
      ) as members
      from hub_objects h
      where h.id in (select group_id from memberships where member_id = ${objectId}::uuid and group_id <> ${objectId}::uuid)
    ) f
    where g.id = f.id
    returning g.id::text as id`.execute(db);
  const { rows: members } = await sql<MemberRow>`
    select m.member_id::text as member_id, m.member_type from memberships m
    where m.group_id = ${objectId}::uuid and m.member_id <> ${objectId}::uuid
    order by m.member_id`.execute(db);
  return [
    ...groups.map((group): ChangeEntry => ({ objectType: 'Group', objectId: group.id, kind: 'membership' })),
    ...members.map(membershipChange),
  ];
}

/** The `groups` attribute (direct memberships) of each of the given users, in one query. */
export async function groupReferences(
  db: Kysely<StoreDatabase>,
  memberIds: readonly string[],
): Promise<Map<string, GroupReference[]>> {
  const references = new Map<string, GroupReference[]>();
  if (memberIds.length === 0) return references;
  const { rows } = await sql<{ member_id: string; group_id: string; display: string | null }>`
    select m.member_id::text as member_id, m.group_id::text as group_id, g.display
    from memberships m join hub_objects g on g.id = m.group_id
    where m.member_id = any(${memberIds}::uuid[])
    order by m.member_id, m.group_id`.execute(db);
  for (const row of rows) {
    const list = references.get(row.member_id) ?? [];
    list.push({
      value: row.group_id,
      ...(row.display !== null ? { display: row.display } : {}),
      type: 'direct',
    });
    references.set(row.member_id, list);
  }
  return references;
}

/**
 * Groups a member is in; with `transitive`, also the groups those groups are in, and so on.
 * UNION (not UNION ALL) drops rows already found, so a cycle of nested groups ends the walk.
 */
export async function groupsOf(
  db: Kysely<StoreDatabase>,
  memberId: string,
  transitive: boolean,
): Promise<string[]> {
  if (!isHubId(memberId)) return [];
  const query = transitive
    ? sql<{ id: string }>`
        with recursive up(id) as (
          select group_id from memberships where member_id = ${memberId}::uuid
          union
          select m.group_id from memberships m join up on m.member_id = up.id
        )
        select up.id::text as id from up where up.id <> ${memberId}::uuid order by up.id`
    : sql<{ id: string }>`
        select m.group_id::text as id from memberships m
        where m.member_id = ${memberId}::uuid and m.group_id <> ${memberId}::uuid order by m.group_id`;
  return (await query.execute(db)).rows.map((row) => row.id);
}

/**
 * A group's direct members (users and groups); with `transitive`, the users reached through
 * nested groups at any depth, without the groups themselves. Cycle-safe as `groupsOf`.
 */
export async function membersOf(
  db: Kysely<StoreDatabase>,
  groupId: string,
  transitive: boolean,
): Promise<string[]> {
  if (!isHubId(groupId)) return [];
  const query = transitive
    ? sql<{ id: string }>`
        with recursive down(id, type) as (
          select member_id, member_type from memberships where group_id = ${groupId}::uuid
          union
          select m.member_id, m.member_type from memberships m join down on m.group_id = down.id and down.type = 'Group'
        )
        select distinct down.id from down where down.type = 'User' order by down.id`
    : sql<{ id: string }>`
        select m.member_id::text as id from memberships m
        where m.group_id = ${groupId}::uuid and m.member_id <> ${groupId}::uuid order by m.member_id`;
  return (await query.execute(db)).rows.map((row) => row.id);
}
