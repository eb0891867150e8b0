import { expect } from '@jest/globals';
import type { Link, ObjectType, RunSummary } from '@idsync/core';
import type { ScimEngineHarness } from './scim-engine-harness.js';

/**
 * Runs syncs of `objectType` until one succeeds, at most `maxRuns`; returns every run. Under
 * injected faults a run may end partial (an object whose retries ran out, a read that failed
 * during planning); the promise of the engine is that repeating converges, not that one run
 * always wins.
 */
export async function syncUntilSucceeded(
  harness: ScimEngineHarness,
  objectType: ObjectType,
  maxRuns: number,
): Promise<RunSummary[]> {
  const runs: RunSummary[] = [];
  while (runs.length < maxRuns) {
    const run = await harness.sync(objectType);
    runs.push(run);
    if (run.status === 'succeeded') break;
  }
  return runs;
}

const plannedKinds = (run: RunSummary) => Object.keys(run.counts).filter((key) => key.startsWith('planned.'));

/**
 * The target holds exactly what the hub says, once: one remote user per hub user (by
 * userName, and no other users), one remote group per hub group (by displayName, and no
 * others), each group's remote members the userNames of its hub members; every link names an
 * existing remote object, with no unfinished intent and no failure. A further run of each type
 * may only confirm links that a rerun made by correlation (they are `pending` until a run has
 * read the object back); the run after that plans nothing at all, and every link is in sync.
 */
export async function expectConverged(harness: ScimEngineHarness): Promise<void> {
  const hub = harness.store.hub;
  const hubUsers = new Map<string, string>();
  for await (const page of hub.scan('User'))
    for (const user of page) hubUsers.set(user.id, String(user.resource.userName));
  const hubGroups: { id: string; name: string; members: string[] }[] = [];
  for await (const page of hub.scan('Group')) {
    for (const group of page) {
      const members = ((group.resource.members as { value: string }[] | undefined) ?? []).map(({ value }) =>
        hubUsers.get(value)!,
      );
      hubGroups.push({ id: group.id, name: String(group.resource.displayName), members: members.sort() });
    }
  }

  const remoteUserNames = harness.simulator.store.users.all().map((user) => String(user.userName));
  expect(remoteUserNames.sort()).toEqual([...hubUsers.values()].sort());
  const remoteGroupNames = harness.simulator.store.groups.all().map((group) => String(group.displayName));
  expect(remoteGroupNames.sort()).toEqual(hubGroups.map((group) => group.name).sort());
  for (const group of hubGroups) expect(harness.remoteMemberNames(group.name)).toEqual(group.members);

  const everyLink = async (check: (link: Link | undefined, type: ObjectType) => void) => {
    for (const [type, ids] of [
      ['User', [...hubUsers.keys()]],
      ['Group', hubGroups.map((group) => group.id)],
    ] as const) {
      for (const id of ids) check(await harness.store.links.get(harness.connection.id, type, id), type);
    }
  };
  await everyLink((link, type) => {
    expect(['in-sync', 'pending']).toContain(link?.state);
    expect(link?.intent).toBeUndefined();
    expect(harness.simulator.store.collection(type).has(link!.remoteId!)).toBe(true);
  });

  const notConfirms = (run: RunSummary) => plannedKinds(run).filter((kind) => kind !== 'planned.confirm');
  expect(notConfirms(await harness.sync('User'))).toEqual([]);
  expect(notConfirms(await harness.sync('Group'))).toEqual([]);
  expect(plannedKinds(await harness.sync('User'))).toEqual([]);
  expect(plannedKinds(await harness.sync('Group'))).toEqual([]);
  await everyLink((link) => expect(link?.state).toBe('in-sync'));
}
