import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { HubStore } from '@idsync/core';
import { ScimError, USER_SCHEMA, GROUP_SCHEMA } from '@idsync/scim';
import { DIALECTS, testStores } from '../testing/store-test-targets.js';

function user(userName: string, extra: Record<string, unknown> = {}) {
  return { schemas: [USER_SCHEMA], userName, ...extra };
}

async function rejection(promise: Promise<unknown>): Promise<ScimError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScimError);
  return error as ScimError;
}

describe.each(DIALECTS)('hub store CRUD on %s', (dialect) => {
  const stores = testStores(dialect);
  let hub: HubStore;
  let populationId: string;

  beforeAll(async () => {
    hub = (await stores.open()).hub;
    populationId = (await hub.defaultPopulation()).id;
  });
  afterAll(() => stores.cleanup());

  it('tells which ids are hub objects of a type, in one call, ignoring ids that cannot be hub ids', async () => {
    const ada = await hub.create('User', populationId, user('existing.ada'));
    const team = await hub.create('Group', populationId, {
      schemas: [GROUP_SCHEMA],
      displayName: 'Existing team',
    });
    const gone = await hub.create('User', populationId, user('existing.gone'));
    await hub.delete('User', gone.id);
    const asked = [ada.id, ada.id.toUpperCase(), team.id, gone.id, randomUUID(), 'not-a-hub-id', ''];
    expect([...(await hub.existingIds('User', asked))]).toEqual([ada.id]);
    expect([...(await hub.existingIds('Group', asked))]).toEqual([team.id]);
    expect((await hub.existingIds('User', [])).size).toBe(0);
  });

  it('creates a user with a new UUID and meta built from the stored row', async () => {
    const created = await hub.create(
      'User',
      populationId,
      user('Ada.Lovelace', { name: { givenName: 'Ada' } }),
    );
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.resource.id).toBe(created.id);
    expect(created.version).toBe(1);
    expect(created.populationId).toBe(populationId);
    expect(created.resource.meta).toEqual({
      resourceType: 'User',
      created: created.createdAt,
      lastModified: created.updatedAt,
      version: 'W/"1"',
    });
    const read = await hub.get('User', created.id);
    expect(read).toEqual(created);
    expect(read?.resource.name).toEqual({ givenName: 'Ada' });
  });

  it('uses a free resource.id and replaces a taken or malformed one', async () => {
    const wanted = randomUUID();
    const first = await hub.create('User', populationId, { ...user(`u-${wanted}`), id: wanted });
    expect(first.id).toBe(wanted);
    const second = await hub.create('User', populationId, { ...user(`v-${wanted}`), id: wanted });
    expect(second.id).not.toBe(wanted);
    const third = await hub.create('User', populationId, { ...user(`w-${wanted}`), id: 'not-a-uuid' });
    expect(third.id).not.toBe('not-a-uuid');
  });

  it('finds users by userName without regard to case, by externalId exactly, by any email', async () => {
    const created = await hub.create(
      'User',
      populationId,
      user('Grace.Hopper', {
        externalId: 'EXT-Grace',
        emails: [{ value: 'Grace@Navy.example', type: 'work' }, { value: 'g@home.example' }],
      }),
    );
    expect((await hub.findByUserName('grace.HOPPER'))?.id).toBe(created.id);
    expect((await hub.findByExternalId('User', 'EXT-Grace'))?.id).toBe(created.id);
    expect(await hub.findByExternalId('User', 'ext-grace')).toBeUndefined();
    expect((await hub.findByEmail('grace@navy.EXAMPLE')).map((o) => o.id)).toEqual([created.id]);
    expect((await hub.findByEmail('G@HOME.example')).map((o) => o.id)).toEqual([created.id]);
    expect(await hub.findByEmail('nobody@example.org')).toEqual([]);
  });

  it('refuses a second user with the same userName in any case, naming the value', async () => {
    await hub.create('User', populationId, user('Linus'));
    const error = await rejection(hub.create('User', populationId, user('LINUS')));
    expect(error.status).toBe(409);
    expect(error.scimType).toBe('uniqueness');
    expect(error.detail).toContain('"LINUS"');
    // The failed create left nothing behind and the store still works.
    expect((await hub.findByUserName('linus'))?.resource.userName).toBe('Linus');
  });

  it('refuses a second group with the same displayName in any case, but users may share a displayName', async () => {
    await hub.create('Group', populationId, { schemas: [GROUP_SCHEMA], displayName: 'Engineering' });
    const error = await rejection(
      hub.create('Group', populationId, { schemas: [GROUP_SCHEMA], displayName: 'engineering' }),
    );
    expect(error.status).toBe(409);
    expect(error.detail).toContain('"engineering"');
    await hub.create('User', populationId, user('dn-1', { displayName: 'Same Name' }));
    await expect(
      hub.create('User', populationId, user('dn-2', { displayName: 'same name' })),
    ).resolves.toBeDefined();
  });

  it('replaces a resource, keeping id and created, bumping version and lastModified', async () => {
    const created = await hub.create('User', populationId, user('replace-me', { title: 'Engineer' }));
    const replaced = await hub.replace('User', created.id, user('Replace-Me', { nickName: 'R' }));
    expect(replaced.id).toBe(created.id);
    expect(replaced.version).toBe(2);
    expect(replaced.resource.meta?.version).toBe('W/"2"');
    expect(replaced.createdAt).toBe(created.createdAt);
    expect(Date.parse(replaced.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
    expect(replaced.resource.title).toBeUndefined();
    expect(replaced.resource.nickName).toBe('R');
    expect(replaced.resource.userName).toBe('Replace-Me');
  });

  it('answers ifVersion mismatches with 412 and missing objects with 404', async () => {
    const created = await hub.create('User', populationId, user('etag-user'));
    const stale = await rejection(
      hub.replace('User', created.id, user('etag-user', { title: 'x' }), { ifVersion: 7 }),
    );
    expect(stale.status).toBe(412);
    expect(stale.scimType).toBeUndefined();
    expect(stale.detail).toContain('version 1');
    const updated = await hub.replace('User', created.id, user('etag-user', { title: 'y' }), {
      ifVersion: 1,
    });
    expect(updated.version).toBe(2);
    const staleDelete = await rejection(hub.delete('User', created.id, { ifVersion: 1 }));
    expect(staleDelete.status).toBe(412);
    expect(await hub.get('User', created.id)).toBeDefined();

    const missing = await rejection(hub.replace('User', randomUUID(), user('ghost')));
    expect(missing.status).toBe(404);
    expect((await rejection(hub.replace('User', 'not-a-uuid', user('ghost')))).status).toBe(404);
    // A group id is not a user.
    const group = await hub.create('Group', populationId, {
      schemas: [GROUP_SCHEMA],
      displayName: 'etag-group',
    });
    expect((await rejection(hub.replace('User', group.id, user('ghost')))).status).toBe(404);
  });

  it('deletes, returning false for what does not exist', async () => {
    const created = await hub.create(
      'User',
      populationId,
      user('delete-me', { emails: [{ value: 'delete@example.org' }] }),
    );
    expect(await hub.delete('User', created.id, { ifVersion: 1 })).toBe(true);
    expect(await hub.get('User', created.id)).toBeUndefined();
    expect(await hub.findByEmail('delete@example.org')).toEqual([]);
    expect(await hub.delete('User', created.id)).toBe(false);
    expect(await hub.delete('User', 'not-a-uuid')).toBe(false);
    // The userName is free again.
    await expect(hub.create('User', populationId, user('DELETE-ME'))).resolves.toBeDefined();
  });

  it('requires a userName for users and a displayName for groups', async () => {
    const error = await rejection(hub.create('User', populationId, { schemas: [USER_SCHEMA] }));
    expect(error.status).toBe(400);
    expect(error.detail).toContain('userName');
    expect(
      (await rejection(hub.create('Group', populationId, { schemas: [GROUP_SCHEMA] }))).detail,
    ).toContain('displayName');
  });

  it('stores attribute names case-insensitively: one canonical spelling, derived attributes dropped', async () => {
    const created = await hub.create('User', populationId, {
      schemas: [USER_SCHEMA],
      USERNAME: 'Canon',
      ExternalId: 'canon-1',
      meta: { version: 'W/"99"' },
      groups: [{ value: randomUUID() }],
    });
    expect(created.resource.userName).toBe('Canon');
    expect(created.resource.USERNAME).toBeUndefined();
    expect(created.resource.externalId).toBe('canon-1');
    expect(created.resource.meta?.version).toBe('W/"1"');
    expect(created.resource.groups).toBeUndefined();
  });

  it('moves objects between populations and keeps them countable per population', async () => {
    const other = await hub.putPopulation({
      id: `pop-${randomUUID()}`,
      name: 'Contractors',
      isDefault: false,
    });
    const created = await hub.create('User', populationId, user('mover'));
    const moved = await hub.move('User', created.id, other.id);
    expect(moved.populationId).toBe(other.id);
    expect(moved.version).toBe(2);
    expect(await hub.count('User', [other.id])).toBe(1);
    const missingPopulation = await rejection(hub.move('User', created.id, 'no-such-population'));
    expect(missingPopulation.status).toBe(400);
    expect(missingPopulation.detail).toContain('no-such-population');
  });

  it('keeps one default population', async () => {
    const first = await hub.defaultPopulation();
    expect(await hub.defaultPopulation()).toEqual(first);
    const next = await hub.putPopulation({
      id: `pop-${randomUUID()}`,
      name: 'New default',
      description: 'd',
      isDefault: true,
    });
    expect(await hub.defaultPopulation()).toEqual(next);
    expect((await hub.getPopulation(first.id))?.isDefault).toBe(false);
    const all = await hub.listPopulations();
    expect(all.filter((p) => p.isDefault)).toEqual([next]);
    await hub.putPopulation({ ...first, isDefault: true });
  });

  it('rolls back every write of a failed transaction', async () => {
    const before = await hub.latestChangeCursor();
    await expect(
      hub.transaction(async (tx) => {
        await tx.create('User', populationId, user('tx-rolled-back-1'));
        await tx.create('Group', populationId, {
          schemas: [GROUP_SCHEMA],
          displayName: 'tx-rolled-back-group',
        });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await hub.findByUserName('tx-rolled-back-1')).toBeUndefined();
    expect(await hub.latestChangeCursor()).toBe(before);

    const committed = await hub.transaction(async (tx) => {
      const a = await tx.create('User', populationId, user('tx-committed-1'));
      // Nested transactions join the outer one.
      return tx.transaction((inner) => inner.replace('User', a.id, user('tx-committed-1', { title: 't' })));
    });
    expect((await hub.findByUserName('tx-committed-1'))?.version).toBe(committed.version);
  });

  it('serialises concurrent writers without losing or duplicating any', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `concurrent-${i}-${randomUUID()}`);
    const results = await Promise.allSettled(
      names.map((name) => hub.create('User', populationId, user(name))),
    );
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    for (const name of names) expect((await hub.findByUserName(name))?.resource.userName).toBe(name);
    const clash = await Promise.allSettled(
      [1, 2, 3].map(() => hub.create('User', populationId, user('race-for-me'))),
    );
    expect(clash.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const result of clash.filter((r) => r.status === 'rejected')) {
      expect(((result as PromiseRejectedResult).reason as ScimError).status).toBe(409);
    }
  });
});
