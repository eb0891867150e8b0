import type { Migration, MigrationProvider } from 'kysely/migration';
import * as initialSchema from './001-initial-schema.js';
import * as catalogTables from './002-catalog-tables.js';

/**
 * Every migration of the store, listed in code rather than found by reading a folder, so the
 * same list works from the TypeScript sources, from dist/ and from a bundle. Names sort in
 * the order they run; a new migration is a new file and one line here.
 */
export const STORE_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001-initial-schema': initialSchema,
  '002-catalog-tables': catalogTables,
};

export const storeMigrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...STORE_MIGRATIONS }),
};
