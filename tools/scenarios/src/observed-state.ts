import type { Link, ObjectType, RunSummary } from '@idsync/core';
import type { EngineHarness } from './engine-harness.js';

/**
 * What two engines can be compared by. Remote ids and hub ids differ from one harness to the
 * next, so everything here is keyed by name: userName for users, displayName for groups.
 */
export interface RemoteState {
  /** Remote users by userName: their attributes as the target store holds them. */
  readonly users: Record<string, Readonly<Record<string, unknown>>>;
  /** Remote groups by displayName: the userNames (or group names) of their members, sorted. */
  readonly groups: Record<string, string[]>;
}

const byKey = <T>(entries: [string, T][]): Record<string, T> =>
  Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));

function remoteName(harness: EngineHarness, remoteId: string): string {
  const user = harness.target.get('User', remoteId);
  if (user) return String(user.attributes.userName);
  const group = harness.target.get('Group', remoteId);
  return group ? `group:${String(group.attributes.displayName)}` : `unknown:${remoteId}`;
}

export function remoteState(harness: EngineHarness): RemoteState {
  const users = harness.target
    .all('User')
    .map((record): [string, Record<string, unknown>] => [
      String(record.attributes.userName),
      { ...record.attributes },
    ]);
  const groups = harness.target.all('Group').map((record): [string, string[]] => [
    String(record.attributes.displayName),
    harness.target
      .membersOf(record.remoteId)
      .map((id) => remoteName(harness, id))
      .sort(),
  ]);
  return { users: byKey(users), groups: byKey(groups) };
}

/** One link as seen from outside: which remote object it names, in what state, and what is left over. */
export interface LinkView {
  /** The name of the hub object, or `(deleted)` when the hub object is gone. */
  readonly hub: string;
  readonly state: Link['state'];
  readonly pendingIntent: boolean;
  readonly lastError?: string;
  readonly attempts: number;
}

async function hubName(harness: EngineHarness, type: ObjectType, hubId: string): Promise<string> {
  const object = await harness.store.hub.get(type, hubId);
  if (!object) return '(deleted)';
  return String(type === 'User' ? object.resource.userName : object.resource.displayName);
}

/**
 * Every link of the connection, keyed by the name of the remote object it points at. A link
 * pointing at the wrong remote object shows up as a hub name under the wrong key; a link
 * without a remote id (an unfinished create) shows up under `(no remote id) <hub name>`.
 */
export async function linkViews(harness: EngineHarness, type: ObjectType): Promise<Record<string, LinkView>> {
  const entries: [string, LinkView][] = [];
  for await (const page of harness.store.links.scan(harness.connection.id, type, 100)) {
    for (const link of page) {
      const hub = await hubName(harness, type, link.hubId);
      const remote = link.remoteId ? remoteName(harness, link.remoteId).replace(/^group:/, '') : undefined;
      entries.push([
        remote ?? `(no remote id) ${hub}`,
        {
          hub,
          state: link.state,
          pendingIntent: link.intent !== undefined,
          attempts: link.attempts,
          ...(link.lastError ? { lastError: link.lastError } : {}),
        },
      ]);
    }
  }
  return byKey(entries);
}

/** The memberships idsync recorded as its own (merge provenance), by group name and member userName. */
export async function membershipProvenance(harness: EngineHarness): Promise<Record<string, string[]>> {
  const entries: [string, string[]][] = [];
  for await (const page of harness.store.hub.scan('Group', { pageSize: 100 })) {
    for (const group of page) {
      const members = await harness.store.links.createdMemberships(harness.connection.id, group.id);
      if (members.length === 0) continue;
      const names = await Promise.all(members.map((id) => hubName(harness, 'User', id)));
      entries.push([String(group.resource.displayName), names.sort()]);
    }
  }
  return byKey(entries);
}

/** The operation kinds a run planned (count > 0), e.g. `['confirm', 'create']`. */
export function plannedKinds(run: RunSummary): string[] {
  return Object.entries(run.counts)
    .filter(([key, count]) => key.startsWith('planned.') && count > 0)
    .map(([key]) => key.slice('planned.'.length))
    .sort();
}

/** Outcome counts that are failures of any kind (`create.failed`, `update.skipped`…). */
export function failureCounts(run: RunSummary): Record<string, number> {
  return Object.fromEntries(
    Object.entries(run.counts).filter(
      ([key, count]) => /\.(failed|skipped|withheld)$/.test(key) && count > 0,
    ),
  );
}

/**
 * Counts the writes the remote store actually made, per operation (a call that failed before
 * writing is not a write). Counted at the `after-write` step, so a write whose answer was lost
 * in a crash still counts: this is what proves "created exactly once".
 */
export function countRemoteWrites(harness: EngineHarness): Map<string, number> {
  const writes = new Map<string, number>();
  harness.target.faults.onStep((step) => {
    if (step.phase !== 'after-write') return;
    const key = `${step.operation}:${step.type ?? ''}`;
    writes.set(key, (writes.get(key) ?? 0) + 1);
  });
  return writes;
}
