/** The membership handling of a connection (PingOne's "group membership handling"). */
export type MembershipHandling = 'merge' | 'overwrite';

export interface MembershipState {
  /** Remote ids of the members the hub says the remote group should have (in scope, linked). */
  readonly desired: Iterable<string>;
  /** Remote ids of the members the remote group has now. */
  readonly actual: Iterable<string>;
  /** Remote ids of the members idsync itself added earlier (provenance). Used by merge. */
  readonly addedByIdsync: Iterable<string>;
}

export interface MembershipChanges {
  readonly add: string[];
  readonly remove: string[];
}

/**
 * Decides which members to add and remove on a remote group.
 * - overwrite: the remote group ends up exactly equal to the hub's.
 * - merge: adds what is missing, and removes only members that idsync added and the hub no
 *   longer wants; members added outside idsync are never touched.
 * Results are sorted so plans are stable and comparable.
 */
export function planMembershipChanges(mode: MembershipHandling, state: MembershipState): MembershipChanges {
  const desired = new Set(state.desired);
  const actual = new Set(state.actual);
  const add = [...desired].filter((id) => !actual.has(id));
  let remove: string[];
  if (mode === 'overwrite') {
    remove = [...actual].filter((id) => !desired.has(id));
  } else {
    const ours = new Set(state.addedByIdsync);
    remove = [...actual].filter((id) => ours.has(id) && !desired.has(id));
  }
  return { add: add.sort(), remove: remove.sort() };
}

/** Splits ids into chunks of at most `size` (a store's maximum members per request). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`Chunk size must be a positive integer, got ${size}.`);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
