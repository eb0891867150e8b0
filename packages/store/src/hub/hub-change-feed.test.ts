import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HubStore } from '@idsync/core';
import { GROUP_SCHEMA, USER_SCHEMA } from '@idsync/scim';
import { openStore } from '../open-store.js';
import { DIALECTS, testStores } from '../testing/store-test-targets.js';

describe.each(DIALECTS)('hub change feed on %s', (dialect) => {
  const stores = testStores(dialect);
  let hub: HubStore;
  let populationId: string;

  beforeAll(async () => {
    hub = (await stores.open()).hub;
    populationId = (await hub.defaultPopulation()).id;
  });
  afterAll(() => stores.cleanup());

  it('starts empty', async () => {
    expect(await hub.latestChangeCursor()).toBeUndefined();
    expect(await hub.changesAfter(undefined, 10)).toEqual([]);
  });

  it('records every write in commit order, with membership entries for members that join or leave', async () => {
    const start = await hub.latestChangeCursor();
    const user = await hub.create('User', populationId, { schemas: [USER_SCHEMA], userName: 'feed-user' });
    const group = await hub.create('Group', populationId, {
      schemas: [GROUP_SCHEMA],
      displayName: 'feed-group',
      members: [{ value: user.id }],
    });
    await hub.replace('User', user.id, { schemas: [USER_SCHEMA], userName: 'feed-user', title: 'x' });
    await hub.replace('Group', group.id, { schemas: [GROUP_SCHEMA], displayName: 'feed-group' });
    await hub.delete('Group', group.id);
    const changes = await hub.changesAfter(start, 100);
    expect(changes.map(({ objectType, objectId, kind }) => ({ objectType, objectId, kind }))).toEqual([
      { objectType: 'User', objectId: user.id, kind: 'upsert' },
      { objectType: 'Group', objectId: group.id, kind: 'upsert' },
      { objectType: 'User', objectId: user.id, kind: 'membership' },
      { objectType: 'User', objectId: user.id, kind: 'upsert' },
      { objectType: 'Group', objectId: group.id, kind: 'upsert' },
      { objectType: 'User', objectId: user.id, kind: 'membership' },
      { objectType: 'Group', objectId: group.id, kind: 'delete' },
    ]);
    const cursors = changes.map((c) => BigInt(c.cursor));
    expect(cursors).toEqual([...cursors].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(cursors).size).toBe(cursors.length);
    for (const change of changes) expect(Number.isNaN(Date.parse(change.at))).toBe(false);
    expect(await hub.latestChangeCursor()).toBe(changes.at(-1)?.cursor);
  });

  it('pages through the feed with cursors, each change exactly once', async () => {
    const start = await hub.latestChangeCursor();
    for (let i = 0; i < 7; i++)
      await hub.create('User', populationId, { schemas: [USER_SCHEMA], userName: `paged-${i}` });
    const seen: string[] = [];
    let cursor = start;
    for (;;) {
      const page = await hub.changesAfter(cursor, 3);
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(3);
      seen.push(...page.map((c) => c.objectId));
      cursor = page.at(-1)!.cursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(await hub.changesAfter(cursor, 10)).toEqual([]);
  });

  it('writes nothing to the feed for a rolled-back transaction', async () => {
    const start = await hub.latestChangeCursor();
    await hub
      .transaction(async (tx) => {
        await tx.create('User', populationId, { schemas: [USER_SCHEMA], userName: 'never-committed' });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await hub.changesAfter(start, 10)).toEqual([]);
  });

  it('refuses a cursor that is not one', async () => {
    await expect(hub.changesAfter('1; drop table hub_changes', 1)).rejects.toThrow(
      'is not a hub change cursor',
    );
  });
});

describe('hub change feed across restarts (PGlite on disk)', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'idsync-feed-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps objects, cursors and the sequence after close and reopen', async () => {
    const first = await openStore({ dataDir, env: {} });
    const population = await first.hub.defaultPopulation();
    const user = await first.hub.create('User', population.id, {
      schemas: [USER_SCHEMA],
      userName: 'persisted',
    });
    const cursorBefore = await first.hub.latestChangeCursor();
    await first.close();

    const second = await openStore({ dataDir, env: {} });
    try {
      expect((await second.hub.findByUserName('PERSISTED'))?.id).toBe(user.id);
      expect((await second.hub.defaultPopulation()).id).toBe(population.id);
      expect(await second.hub.latestChangeCursor()).toBe(cursorBefore);
      expect(await second.hub.changesAfter(cursorBefore, 10)).toEqual([]);
      await second.hub.replace('User', user.id, {
        schemas: [USER_SCHEMA],
        userName: 'persisted',
        title: 'after restart',
      });
      const after = await second.hub.changesAfter(cursorBefore, 10);
      expect(after).toHaveLength(1);
      expect(BigInt(after[0]!.cursor)).toBeGreaterThan(BigInt(cursorBefore!));
      expect(after[0]).toMatchObject({ objectId: user.id, kind: 'upsert' });
    } finally {
      await second.close();
    }
  });
});
