import { randomUUID } from 'node:crypto';
import type { IdsyncStore } from '@idsync/store';
import { USER_SCHEMA } from '@idsync/scim';
import type { BenchSample } from '../bench/bench-scenarios.js';

const ROWS_PER_STATEMENT = 1000;
const USERS_PER_TRANSACTION = 5000;
const SAMPLE_SIZE = 2000;
const GIVEN = ['Ada', 'Grace', 'Barbara', 'Edsger', 'Alan', 'Hedy', 'Donald', 'Frances', 'Ken', 'Radia'];
const FAMILY = [
  'Lovelace',
  'Hopper',
  'Liskov',
  'Dijkstra',
  'Turing',
  'Lamarr',
  'Knuth',
  'Allen',
  'Thompson',
  'Perlman',
];

/** The userName of the i-th seeded user: a given name, a family name and a 6-digit number. */
export function benchUserName(index: number): string {
  return `${GIVEN[index % GIVEN.length]}.${FAMILY[Math.floor(index / GIVEN.length) % FAMILY.length]}.${String(index).padStart(6, '0')}@example.com`.toLowerCase();
}

/**
 * Fills the hub with `count` users as HubStore.create would store them — the object row with its
 * indexed columns, the email index, an `upsert` on the change feed — but a thousand rows per
 * statement, because creating 100,000 users one request at a time is not what is measured.
 * Returns a spread sample of ids and userNames for the load to pick from.
 */
export async function seedBenchUsers(store: IdsyncStore, count: number): Promise<BenchSample> {
  const population = await store.hub.defaultPopulation();
  const every = Math.max(1, Math.floor(count / SAMPLE_SIZE));
  const userIds: string[] = [];
  const userNames: string[] = [];
  for (let start = 0; start < count; start += USERS_PER_TRANSACTION) {
    const end = Math.min(count, start + USERS_PER_TRANSACTION);
    await store.database.transaction().execute(async (trx) => {
      for (let chunk = start; chunk < end; chunk += ROWS_PER_STATEMENT) {
        const now = new Date();
        const rows = Array.from({ length: Math.min(ROWS_PER_STATEMENT, end - chunk) }, (_, offset) => {
          const index = chunk + offset;
          const id = randomUUID();
          const userName = benchUserName(index);
          if (index % every === 0) {
            userIds.push(id);
            userNames.push(userName);
          }
          const [given, family] = userName.split('.');
          const resource = {
            schemas: [USER_SCHEMA],
            id,
            userName,
            externalId: `EMP${100000 + index}`,
            name: { givenName: given, familyName: family },
            displayName: `${given} ${family}`,
            title: index % 3 === 0 ? 'Engineer' : 'Analyst',
            active: index % 10 !== 0,
            emails: [{ value: userName, type: 'work', primary: true }],
          };
          return {
            id,
            userName,
            displayName: resource.displayName,
            externalId: resource.externalId,
            resource,
          };
        });
        await trx
          .insertInto('hub_objects')
          .values(
            rows.map((row) => ({
              id: row.id,
              type: 'User',
              population_id: population.id,
              user_name: row.userName,
              display_name: row.displayName.toLowerCase(),
              display: row.displayName,
              external_id: row.externalId,
              version: 1,
              created_at: now,
              updated_at: now,
              resource: JSON.stringify(row.resource),
            })),
          )
          .execute();
        await trx
          .insertInto('hub_emails')
          .values(rows.map((row) => ({ object_id: row.id, email: row.userName })))
          .execute();
        await trx
          .insertInto('hub_changes')
          .values(rows.map((row) => ({ object_type: 'User', object_id: row.id, kind: 'upsert', at: now })))
          .execute();
      }
    });
  }
  // Four digits of the number: about count / 10,000 × 60 users each (the digits occur at several places).
  const coFragments = Array.from({ length: 50 }, (_, i) =>
    String((i * 37) % 10000)
      .padStart(4, '0')
      .slice(0, 4),
  );
  return { userIds, userNames, coFragments };
}
