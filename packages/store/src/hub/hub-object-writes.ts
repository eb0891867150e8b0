import { randomUUID } from 'node:crypto';
import type { ObjectType, WriteOptions } from '@idsync/core';
import { ScimError } from '@idsync/scim';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../database/database-errors.js';
import type { StoreDatabase } from '../database/database-schema.js';
import { appendChanges, type ChangeEntry } from './hub-change-feed.js';
import { normaliseHubId } from './hub-id.js';
import { syncGroupMembers } from './hub-memberships.js';
import type { PreparedResource } from './prepare-hub-resource.js';

/** The steps of a hub write, each run inside the write's transaction (see KyselyHubStore). */

/** `resource.id` when it is a free hub id, else a new UUID. */
export async function newHubId(db: Kysely<StoreDatabase>, requested: string | undefined): Promise<string> {
  const id = normaliseHubId(requested);
  if (id) {
    const taken = await db.selectFrom('hub_objects').select('id').where('id', '=', id).executeTakeFirst();
    if (!taken) return id;
  }
  return randomUUID();
}

/**
 * The row a write changes, locked until commit. Undefined when missing; a 412 ScimError when
 * `ifVersion` is given and is not the stored version (the SCIM server's If-Match).
 */
export async function lockObjectRow(
  db: Kysely<StoreDatabase>,
  type: ObjectType,
  id: string,
  options: WriteOptions | undefined,
): Promise<{ id: string; version: number } | undefined> {
  const hubId = normaliseHubId(id);
  if (!hubId) return undefined;
  const row = await db
    .selectFrom('hub_objects')
    .select(['id', 'version'])
    .where('type', '=', type)
    .where('id', '=', hubId)
    .forUpdate()
    .executeTakeFirst();
  if (row && options?.ifVersion !== undefined && options.ifVersion !== row.version) {
    throw new ScimError(
      412,
      undefined,
      `${type} "${row.id}" is at version ${row.version}, not ${options.ifVersion}: it changed since it was read. ` +
        'Read it again and retry.',
    );
  }
  return row;
}

export function missingObject(type: ObjectType, id: string): ScimError {
  return ScimError.notFound(`${type} "${id}" does not exist in the hub.`);
}

/** The indexed columns and the JSON of a prepared resource. */
export function objectColumns(prepared: PreparedResource) {
  return {
    user_name: prepared.userName,
    display_name: prepared.displayName,
    display: prepared.display,
    external_id: prepared.externalId,
    resource: JSON.stringify(prepared.resource),
  };
}

function uniquenessError(type: ObjectType, prepared: PreparedResource): ScimError {
  const { userName, displayName } = prepared.resource;
  return type === 'User'
    ? ScimError.uniqueness(
        `userName "${String(userName)}" is already taken by another user (user names compare without case); choose another.`,
      )
    : ScimError.uniqueness(
        `displayName "${String(displayName)}" is already taken by another group (group names compare without case); ` +
          'choose another.',
      );
}

/** Checked before writing, so the caller gets a 409 naming the value rather than a failed statement. */
export async function assertUniqueName(
  db: Kysely<StoreDatabase>,
  type: ObjectType,
  id: string,
  prepared: PreparedResource,
): Promise<void> {
  const column = type === 'User' ? 'user_name' : 'display_name';
  const value = type === 'User' ? prepared.userName : prepared.displayName;
  if (value === null) return;
  const clash = await db
    .selectFrom('hub_objects')
    .select('id')
    .where('type', '=', type)
    .where(column, '=', value)
    .where('id', '<>', id)
    .executeTakeFirst();
  if (clash) throw uniquenessError(type, prepared);
}

/** Runs the row write; the unique indexes are the backstop should a writer bypass the hub write lock. */
export async function writeGuarded(
  type: ObjectType,
  prepared: PreparedResource,
  write: () => Promise<unknown>,
): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw uniquenessError(type, prepared);
    throw error;
  }
}

/** Emails, memberships and change entries of a create or replace. */
export async function writeIndexes(
  db: Kysely<StoreDatabase>,
  type: ObjectType,
  id: string,
  prepared: PreparedResource,
  now: Date,
  replacing: boolean,
): Promise<void> {
  if (replacing) await db.deleteFrom('hub_emails').where('object_id', '=', id).execute();
  if (prepared.emails.length > 0) {
    await db
      .insertInto('hub_emails')
      .values(prepared.emails.map((email) => ({ object_id: id, email })))
      .execute();
  }
  const changes: ChangeEntry[] = [{ objectType: type, objectId: id, kind: 'upsert' }];
  if (type === 'Group') changes.push(...(await syncGroupMembers(db, id, prepared.memberIds)));
  await appendChanges(db, changes, now);
}
