import type { Link, SyncState } from '../model/link.js';
import type { ObjectType } from '../model/object-type.js';

/**
 * Links between hub objects and remote objects, one per (connection, object type, hub id),
 * and the memberships idsync created (provenance for merge mode).
 */
export interface LinkStore {
  get(connectionId: string, objectType: ObjectType, hubId: string): Promise<Link | undefined>;
  /**
   * The links of many hub objects in one round trip (a page of planning), keyed by hub id;
   * hub ids without a link are absent from the map.
   */
  getMany(
    connectionId: string,
    objectType: ObjectType,
    hubIds: readonly string[],
  ): Promise<ReadonlyMap<string, Link>>;
  getByRemoteId(connectionId: string, objectType: ObjectType, remoteId: string): Promise<Link | undefined>;
  /** Inserts or replaces the link (keyed by connection, type, hub id). */
  put(link: Link): Promise<void>;
  /** Writes many links in one round trip (batched store writes). */
  putMany(links: readonly Link[]): Promise<void>;
  /** Removes the link; the remote object is left as it is. */
  release(connectionId: string, objectType: ObjectType, hubId: string): Promise<void>;
  /** All links of a connection in pages ordered by hub id. */
  scan(connectionId: string, objectType: ObjectType, pageSize?: number): AsyncIterable<readonly Link[]>;
  /**
   * Links of a connection and type in one sync state, in pages ordered by hub id: for example
   * the groups left `pending` because members arrived after them (see `markGroupsAwaitingMembers`).
   */
  scanByState(
    connectionId: string,
    objectType: ObjectType,
    state: SyncState,
    pageSize?: number,
  ): AsyncIterable<readonly Link[]>;
  /** Links that name a rule in their provenance. */
  scanByRule(ruleId: string, pageSize?: number): AsyncIterable<readonly Link[]>;
  /** Counts per sync state, for a connection's status (PingOne's success / failed / total). */
  countByState(connectionId: string): Promise<Record<string, number>>;

  /** Memberships idsync added to a remote group, as (group hub id, member hub id) pairs. */
  recordMemberships(connectionId: string, groupHubId: string, memberHubIds: readonly string[]): Promise<void>;
  forgetMemberships(connectionId: string, groupHubId: string, memberHubIds: readonly string[]): Promise<void>;
  createdMemberships(connectionId: string, groupHubId: string): Promise<string[]>;
}
