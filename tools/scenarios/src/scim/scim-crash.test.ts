import { afterEach, describe, expect, it } from '@jest/globals';
import type { ObjectType } from '@idsync/core';
import { groupsRule, usersRule } from '../engine-harness.js';
import { ProcessCrash, ProcessDied, type CrashTrigger } from './process-crash.js';
import { ScimEngineHarness } from './scim-engine-harness.js';
import { expectConverged, syncUntilSucceeded } from './sync-until-converged.js';

/*
 * The process dies in the middle of a sync to a SCIM target — before a create is sent, after
 * the target wrote it but before the engine heard back, after a group was created but before
 * its members were added — and a new process (new connector, new reconciler, same store,
 * same target) runs again. Nothing may be created twice, and the end state must be whole.
 */

let harness: ScimEngineHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const USERS = 12;
const PAGE_SIZE = 4;

/** 12 users and 2 groups of 6 in the hub; the engine works one operation at a time unless told otherwise. */
async function populate(maxConcurrency: number): Promise<{ h: ScimEngineHarness; ids: string[] }> {
  const h = await ScimEngineHarness.start({
    rules: [usersRule(), groupsRule()],
    pageSize: PAGE_SIZE,
    execution: { maxConcurrency },
  });
  harness = h;
  const ids: string[] = [];
  for (let i = 0; i < USERS; i++)
    ids.push(await h.addUser(`user${i}.crash@example.com`, { title: 'Engineer' }));
  await h.addGroup('Crew A', ids.slice(0, 6));
  await h.addGroup('Crew B', ids.slice(6));
  return { h, ids };
}

/** Runs one sync in a process that dies at `trigger`; the next process starts clean. */
async function crashDuring(
  h: ScimEngineHarness,
  objectType: ObjectType,
  trigger: CrashTrigger,
): Promise<void> {
  const crash = new ProcessCrash(trigger);
  await h.restart({ crash });
  await expect(h.sync(objectType)).rejects.toBeInstanceOf(ProcessDied);
  expect(crash.crashed?.where).toBe(`${trigger.phase} ${trigger.method}`);
  await crash.settled();
  await h.restart();
}

async function finish(h: ScimEngineHarness): Promise<void> {
  expect((await syncUntilSucceeded(h, 'User', 3)).at(-1)?.status).toBe('succeeded');
  expect((await syncUntilSucceeded(h, 'Group', 3)).at(-1)?.status).toBe('succeeded');
  await expectConverged(h);
}

const posts = (h: ScimEngineHarness, path: '/Users' | '/Groups') =>
  h.simulator.requests.matching({ method: 'POST', path });

const isGroup = (args: readonly unknown[]) => args[0] === 'Group';
const isUser = (args: readonly unknown[]) => args[0] === 'User';

describe('a crash during the first sync to a SCIM target, then a rerun', () => {
  it.each([
    ['after the target wrote the third user, before the engine heard back', 'after'],
    ['before the third user create was sent (intent recorded, nothing written)', 'before'],
  ] as const)('%s: every user is created once', async (_name, phase) => {
    const { h } = await populate(1);
    await crashDuring(h, 'User', { method: 'create', when: isUser, phase, nth: 3 });
    expect(h.simulator.store.users.size).toBe(phase === 'after' ? 3 : 2);

    await finish(h);
    // One POST per user over the crashed run and the reruns together: the rerun found the
    // user the dead process created (by userName) and linked it instead of posting again.
    expect(posts(h, '/Users').map((r) => r.status)).toEqual(Array(USERS).fill(201));
  });

  it('with eight creates in flight, a crash after the fifth answer: the writes that landed are linked', async () => {
    const { h } = await populate(8);
    await crashDuring(h, 'User', { method: 'create', when: isUser, phase: 'after', nth: 5 });
    const landed = h.simulator.store.users.size;
    expect(landed).toBeGreaterThanOrEqual(5);

    await finish(h);
    expect(posts(h, '/Users').filter((r) => r.status === 201)).toHaveLength(USERS);
    expect(posts(h, '/Users').filter((r) => r.status !== 201)).toEqual([]);
  });

  it('after a group was created, before its members were added: the rerun links it and adds them once', async () => {
    const { h } = await populate(1);
    await h.sync('User');
    await crashDuring(h, 'Group', { method: 'create', when: isGroup, phase: 'after', nth: 1 });
    expect(h.simulator.store.groups.size).toBe(1);

    await finish(h);
    expect(posts(h, '/Groups').map((r) => r.status)).toEqual([201, 201]);
  });

  it('after the first membership PATCH landed: the rerun adds the remaining members and no group twice', async () => {
    const { h } = await populate(1);
    await h.sync('User');
    await crashDuring(h, 'Group', { method: 'addMembers', phase: 'after', nth: 1 });
    expect(h.simulator.store.groups.size).toBe(2);

    await finish(h);
    expect(posts(h, '/Groups')).toHaveLength(2);
  });
});

describe('a crash during an update sync, then a rerun', () => {
  it('after the second PATCH landed: every change arrives, nothing is created', async () => {
    const { h, ids } = await populate(1);
    await h.sync('User');
    await h.sync('Group');
    for (const id of ids.slice(0, 4)) await h.updateUser(id, { title: 'Principal Engineer' });
    h.simulator.requests.clear();

    await crashDuring(h, 'User', { method: 'patch', phase: 'after', nth: 2 });
    await finish(h);
    const titles = [...h.remoteUsers().values()].map((user) => user.title);
    expect(titles.filter((title) => title === 'Principal Engineer')).toHaveLength(4);
    expect(h.simulator.requests.matching({ method: 'POST' })).toEqual([]);
  });
});
