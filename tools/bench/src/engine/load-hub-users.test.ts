import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { HubObject } from '@idsync/core';
import { openStore, type IdsyncStore } from '@idsync/store';
import { benchHubId, benchHubUsers } from './bench-hub-users.js';
import { loadHubUsers } from './load-hub-users.js';

const USERS = 30;

/** What a reader of the hub sees, without what differs between two stores: timestamps, the default population's id. */
async function comparable(store: IdsyncStore, id: string) {
  const object: HubObject | undefined = await store.hub.get('User', id);
  if (!object) return undefined;
  const { meta: _meta, ...resource } = object.resource;
  const inDefault = object.populationId === (await store.hub.defaultPopulation()).id;
  return { id: object.id, type: object.type, inDefault, version: object.version, resource };
}

describe('loadHubUsers', () => {
  let bulk: IdsyncStore;
  let viaApi: IdsyncStore;

  beforeAll(async () => {
    [bulk, viaApi] = await Promise.all([
      openStore({ dataDir: 'memory://', env: {} }),
      openStore({ dataDir: 'memory://', env: {} }),
    ]);
    await loadHubUsers(bulk, { users: USERS, throughApi: 5 });
    await loadHubUsers(viaApi, { users: USERS, throughApi: USERS });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([bulk.close(), viaApi.close()]);
  });

  it('writes users that read back exactly as users created through the HubStore API', async () => {
    expect(await bulk.hub.count('User')).toBe(USERS);
    for (const index of [0, 4, 5, 17, USERS - 1]) {
      const id = benchHubId(index);
      const loaded = await comparable(bulk, id);
      expect(loaded).toEqual(await comparable(viaApi, id));
      expect(loaded).toMatchObject({ inDefault: true, version: 1 });
    }
  });

  it('fills the indexes the hub searches with', async () => {
    const [user] = [...benchHubUsers(USERS, USERS)][0]!.slice(-1);
    const userName = String(user!.resource.userName);
    expect((await bulk.hub.findByUserName(userName.toUpperCase()))?.id).toBe(user!.id);
    expect((await bulk.hub.findByEmail(userName)).map((object) => object.id)).toEqual([user!.id]);
  });

  it('records one change per user, as the API does, so incremental runs start after them', async () => {
    const bulkChanges = await bulk.hub.changesAfter(undefined, 1000);
    const apiChanges = await viaApi.hub.changesAfter(undefined, 1000);
    expect(bulkChanges.map((change) => [change.objectId, change.kind])).toEqual(
      apiChanges.map((change) => [change.objectId, change.kind]),
    );
    expect(bulkChanges).toHaveLength(USERS);
  });
});
