import type { IdsyncStore } from '@idsync/store';
import { benchHubUsers, type BenchHubUser } from './bench-hub-users.js';

/** Rows per INSERT statement: 11 parameters a row stays far below PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 1000;
/** Users per transaction: large enough to amortise the commit, small enough to keep PGlite's WAL modest. */
const USERS_PER_TRANSACTION = 5000;

export interface LoadOptions {
  readonly users: number;
  /**
   * How many of the users (the first ones) go through `HubStore.create`, one transaction each,
   * as the SCIM server writes them: the figure that shows why the rest is bulk-loaded.
   */
  readonly throughApi: number;
  /** Called after every batch (the benchmark ticks its Ticker there). */
  readonly onBatch?: () => void;
}

export interface LoadOutcome {
  readonly throughApi: { readonly users: number; readonly seconds: number };
  readonly bulk: { readonly users: number; readonly seconds: number };
}

type Database = IdsyncStore['database'];

const seconds = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e9;

/**
 * Fills the hub with the benchmark directory. The bulk path writes the same rows
 * `HubStore.create` writes — the object with its indexed columns, its email index rows and one
 * `upsert` entry in the change feed per user — but a thousand rows per statement and a few
 * thousand users per transaction. It skips create's per-object checks (free id, unique
 * userName, the hub write lock): the generated ids and names are unique by construction and
 * nothing else writes while the benchmark loads. The load test checks that a bulk-loaded user
 * reads back exactly like one created through the API.
 */
export async function loadHubUsers(store: IdsyncStore, options: LoadOptions): Promise<LoadOutcome> {
  const population = await store.hub.defaultPopulation();
  const apiCount = Math.min(options.throughApi, options.users);
  let apiSeconds = 0;
  let bulkSeconds = 0;
  for (const batch of benchHubUsers(options.users, USERS_PER_TRANSACTION)) {
    const viaApi = batch.filter((user) => user.index < apiCount);
    const bulk = batch.filter((user) => user.index >= apiCount);
    let started = process.hrtime.bigint();
    for (const user of viaApi) await store.hub.create('User', population.id, user.resource);
    apiSeconds += seconds(started);
    started = process.hrtime.bigint();
    if (bulk.length)
      await store.database.transaction().execute((trx) => insertUsers(trx, population.id, bulk));
    bulkSeconds += seconds(started);
    options.onBatch?.();
  }
  return {
    throughApi: { users: apiCount, seconds: apiSeconds },
    bulk: { users: options.users - apiCount, seconds: bulkSeconds },
  };
}

async function insertUsers(
  db: Database,
  populationId: string,
  users: readonly BenchHubUser[],
): Promise<void> {
  const now = new Date();
  for (let start = 0; start < users.length; start += ROWS_PER_STATEMENT) {
    const chunk = users.slice(start, start + ROWS_PER_STATEMENT);
    await db
      .insertInto('hub_objects')
      .values(
        chunk.map(({ id, resource }) => {
          const { meta: _meta, ...stored } = resource;
          const displayName = String(resource.displayName);
          return {
            id,
            type: 'User',
            population_id: populationId,
            user_name: String(resource.userName).toLowerCase(),
            display_name: displayName.toLowerCase(),
            display: displayName,
            external_id: String(resource.externalId),
            version: 1,
            created_at: now,
            updated_at: now,
            resource: JSON.stringify(stored),
          };
        }),
      )
      .execute();
    await db
      .insertInto('hub_emails')
      .values(
        chunk.flatMap(({ id, resource }) => emailsOf(resource).map((email) => ({ object_id: id, email }))),
      )
      .execute();
    await db
      .insertInto('hub_changes')
      .values(chunk.map(({ id }) => ({ object_type: 'User', object_id: id, kind: 'upsert', at: now })))
      .execute();
  }
}

/** The lower-cased, distinct email values, as the store's email index holds them. */
function emailsOf(resource: BenchHubUser['resource']): string[] {
  const emails = (resource.emails ?? []) as { value: string }[];
  return [...new Set(emails.map((email) => email.value.toLowerCase()))];
}
