import { randomUUID } from 'node:crypto';
import type { Population } from '@idsync/core';
import { ScimError } from '@idsync/scim';
import type { Kysely, Selectable } from 'kysely';
import type { PopulationsTable, StoreDatabase } from '../database/database-schema.js';

/** Populations: the named partitions of the hub. Kept apart from the object code they scope. */

function toPopulation(
  row: Pick<Selectable<PopulationsTable>, 'id' | 'name' | 'description' | 'is_default'>,
): Population {
  return {
    id: row.id,
    name: row.name,
    ...(row.description !== null ? { description: row.description } : {}),
    isDefault: row.is_default,
  };
}

const COLUMNS = ['id', 'name', 'description', 'is_default'] as const;

export async function listPopulations(db: Kysely<StoreDatabase>): Promise<Population[]> {
  const rows = await db.selectFrom('populations').select(COLUMNS).orderBy('name').orderBy('id').execute();
  return rows.map(toPopulation);
}

export async function getPopulation(db: Kysely<StoreDatabase>, id: string): Promise<Population | undefined> {
  const row = await db.selectFrom('populations').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toPopulation(row);
}

/** Upserts; making one population the default takes the flag from the previous one (same transaction). */
export async function putPopulation(db: Kysely<StoreDatabase>, population: Population): Promise<Population> {
  if (!population.id || !population.name) {
    throw ScimError.invalidValue('A population needs an "id" and a "name".');
  }
  const now = new Date();
  if (population.isDefault) {
    await db
      .updateTable('populations')
      .set({ is_default: false, updated_at: now })
      .where('is_default', '=', true)
      .where('id', '<>', population.id)
      .execute();
  }
  const values = {
    name: population.name,
    description: population.description ?? null,
    is_default: population.isDefault,
    updated_at: now,
  };
  const row = await db
    .insertInto('populations')
    .values({ id: population.id, ...values, created_at: now })
    .onConflict((conflict) => conflict.column('id').doUpdateSet(values))
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toPopulation(row);
}

/**
 * The default population; created as "Default" the first time it is asked for. Two callers
 * racing both end with the same row: the partial unique index admits one default only.
 */
export async function defaultPopulation(db: Kysely<StoreDatabase>): Promise<Population> {
  const existing = await db
    .selectFrom('populations')
    .select(COLUMNS)
    .where('is_default', '=', true)
    .executeTakeFirst();
  if (existing) return toPopulation(existing);
  const now = new Date();
  await db
    .insertInto('populations')
    .values({
      id: randomUUID(),
      name: 'Default',
      description: 'Where objects land when no rule names a population.',
      is_default: true,
      created_at: now,
      updated_at: now,
    })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  const created = await db
    .selectFrom('populations')
    .select(COLUMNS)
    .where('is_default', '=', true)
    .executeTakeFirstOrThrow();
  return toPopulation(created);
}

export async function assertPopulationExists(db: Kysely<StoreDatabase>, id: string): Promise<void> {
  const row = await db.selectFrom('populations').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) {
    throw ScimError.invalidValue(
      `Population "${id}" does not exist; create it first or use the default population.`,
    );
  }
}
