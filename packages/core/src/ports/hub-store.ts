import type { FilterNode, ScimResource } from '@idsync/scim';
import type { HubChange } from '../model/hub-change.js';
import type { HubObject, Population } from '../model/hub-object.js';
import type { ObjectType } from '../model/object-type.js';

export interface HubScanOptions {
  /** Restrict to these populations (absent: all). */
  readonly populationIds?: readonly string[];
  readonly pageSize?: number;
}

export interface HubSearchOptions {
  readonly filter?: FilterNode;
  readonly populationIds?: readonly string[];
  /** Attribute path to sort by; absent: by id. */
  readonly sortBy?: string;
  readonly sortOrder?: 'ascending' | 'descending';
  /** 1-based, as in SCIM. */
  readonly startIndex: number;
  readonly count: number;
}

export interface HubSearchResult {
  /** Every match, not just this page (SCIM's totalResults). */
  readonly totalResults: number;
  readonly objects: readonly HubObject[];
}

/** Write preconditions: optimistic concurrency for the SCIM server's If-Match. */
export interface WriteOptions {
  readonly ifVersion?: number;
}

/**
 * The hub directory. Every write appends to the change feed in the same transaction, so
 * outbound rules see each committed change exactly once and in order.
 *
 * Groups keep their members in `resource.members` (`value` = member hub id, `type` User or
 * Group); the store maintains a membership index from it and fills the read-only
 * `groups` attribute of users on read.
 */
export interface HubStore {
  listPopulations(): Promise<Population[]>;
  getPopulation(id: string): Promise<Population | undefined>;
  /** Creates or updates a population by id. */
  putPopulation(population: Population): Promise<Population>;
  /** The default population, created on first use. */
  defaultPopulation(): Promise<Population>;

  get(type: ObjectType, id: string): Promise<HubObject | undefined>;
  /** Which of `ids` are hub objects of `type`, in one query (a full run's look for links whose object is gone). */
  existingIds(type: ObjectType, ids: readonly string[]): Promise<ReadonlySet<string>>;
  /** Case-insensitive, as SCIM's userName (caseExact false). */
  findByUserName(userName: string): Promise<HubObject | undefined>;
  findByExternalId(type: ObjectType, externalId: string): Promise<HubObject | undefined>;
  /** Case-insensitive match on any of the user's email values. */
  findByEmail(email: string): Promise<HubObject[]>;

  /**
   * Creates an object with a new hub id (or `resource.id` when given and free). Sets
   * `meta`; throws a uniqueness ScimError (409) for a duplicate userName or group displayName.
   */
  create(type: ObjectType, populationId: string, resource: ScimResource): Promise<HubObject>;
  /** Replaces the resource (keeping id, created); throws 404 / 412 ScimErrors as appropriate. */
  replace(type: ObjectType, id: string, resource: ScimResource, options?: WriteOptions): Promise<HubObject>;
  /** Moves an object to another population. */
  move(type: ObjectType, id: string, populationId: string): Promise<HubObject>;
  /** Deletes; also removes it from every group. Returns false when it did not exist. */
  delete(type: ObjectType, id: string, options?: WriteOptions): Promise<boolean>;

  /** All objects of a type in pages ordered by id: bounded memory for any directory size. */
  scan(type: ObjectType, options?: HubScanOptions): AsyncIterable<readonly HubObject[]>;
  count(type: ObjectType, populationIds?: readonly string[]): Promise<number>;
  /** SCIM search: filter (pushed down to SQL where it can be), sort and page, with the true total. */
  search(type: ObjectType, options: HubSearchOptions): Promise<HubSearchResult>;

  /** Hub ids of the groups a member belongs to; `transitive` follows nested groups. */
  groupsOf(memberId: string, transitive: boolean): Promise<string[]>;
  /** Hub ids of a group's members; `transitive` expands nested groups to their users. */
  membersOf(groupId: string, transitive: boolean): Promise<string[]>;

  /** Changes after `cursor` (from the start when absent), oldest first, at most `limit`. */
  changesAfter(cursor: string | undefined, limit: number): Promise<HubChange[]>;
  /** The cursor of the newest change, to start following "from now". */
  latestChangeCursor(): Promise<string | undefined>;

  /** Runs `work` in one transaction: all of its writes commit together or none do. */
  transaction<T>(work: (store: HubStore) => Promise<T>): Promise<T>;
}
