import type { Kysely } from 'kysely';
import type { StoreDatabase } from './database-schema.js';

/** Rows per INSERT: with ~12 parameters a row, far below PostgreSQL's 65,535 parameters. */
export const ROWS_PER_STATEMENT = 1000;

/**
 * Batched writes: one statement per chunk of rows, so a batch up to `ROWS_PER_STATEMENT` is
 * one round trip; a larger batch runs in one transaction (joining the caller's if there is
 * one) so it lands whole or not at all.
 */
export async function writeInChunks<T>(
  db: Kysely<StoreDatabase>,
  rows: readonly T[],
  write: (db: Kysely<StoreDatabase>, chunk: T[]) => Promise<unknown>,
): Promise<void> {
  if (rows.length === 0) return;
  const writeAll = async (executor: Kysely<StoreDatabase>) => {
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      await write(executor, rows.slice(start, start + ROWS_PER_STATEMENT));
    }
  };
  if (rows.length <= ROWS_PER_STATEMENT || db.isTransaction) await writeAll(db);
  else await db.transaction().execute(writeAll);
}
