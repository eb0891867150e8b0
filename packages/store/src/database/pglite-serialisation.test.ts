import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, sql } from 'kysely';

interface Db {
  t: { x: number };
}

/**
 * PGlite is one backend and Kysely's PGlite driver shares one connection object. The store
 * relies on Kysely handing that connection to one caller at a time (a query or a whole
 * transaction); these tests pin that behaviour so an upgrade that lost it would show here.
 */
describe('Kysely PGlite dialect, as the store uses it', () => {
  let db: Kysely<Db>;

  beforeEach(async () => {
    db = new Kysely<Db>({ dialect: new PGliteDialect({ pglite: new PGlite() }) });
    await sql`create table t (x integer)`.execute(db);
  });
  afterEach(() => db.destroy());

  it('runs a query sent during a transaction after it, not inside it', async () => {
    let outside: Promise<Db['t'][]> | undefined;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ x: 1 }).execute();
        outside = db.selectFrom('t').selectAll().execute();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await outside).toEqual([]);
  });

  it('lets concurrent transactions each commit whole', async () => {
    await Promise.all(
      [1, 2, 3].map((n) =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto('t').values({ x: n }).execute();
          await trx
            .insertInto('t')
            .values({ x: n * 10 })
            .execute();
        }),
      ),
    );
    const rows = await db.selectFrom('t').select('x').orderBy('x').execute();
    expect(rows.map((r) => r.x)).toEqual([1, 2, 3, 10, 20, 30]);
  });

  it('keeps a failed transaction from leaking into the next one', async () => {
    const results = await Promise.allSettled([
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ x: 1 }).execute();
        throw new Error('first fails');
      }),
      db.transaction().execute((trx) => trx.insertInto('t').values({ x: 2 }).execute()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect((await db.selectFrom('t').select('x').execute()).map((r) => r.x)).toEqual([2]);
  });
});
