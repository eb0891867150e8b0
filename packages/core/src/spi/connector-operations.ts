import type { FilterNode, PatchOperation, ScimResource } from '@idsync/scim';
import type { Observable } from 'rxjs';
import type { ObjectType } from '../model/object-type.js';
import type { ChangeBatch, RemoteObject } from './remote-object.js';
import type { TestConnectionResult } from './test-connection-result.js';

/*
 * The connector contract is split into one small interface per operation, in the spirit of
 * ConnId: a connector implements only what its store supports, and the engine reads its
 * capabilities from what is implemented (see `capabilitiesOf`).
 */

/** Can the store be reached with this configuration? Says what failed and why. */
export interface TestConnectionOp {
  testConnection(): Promise<TestConnectionResult>;
}

export interface ReadOptions {
  /** Objects per page; the connector may use less if the store caps it. */
  readonly pageSize?: number;
}

/** Reads every object of a type as a stream of pages (bounded memory: never one big array). */
export interface ReadOp {
  read(type: ObjectType, options?: ReadOptions): Observable<readonly RemoteObject[]>;
}

/** Finds objects by a SCIM filter (correlation). Connectors translate it to their store's query language. */
export interface FindOp {
  find(type: ObjectType, filter: FilterNode): Promise<readonly RemoteObject[]>;
  /** Reads one object by its remote id; undefined when it does not exist. */
  get(type: ObjectType, remoteId: string): Promise<RemoteObject | undefined>;
}

/**
 * Optional: answers many planning look-ups in few requests (a SCIM `or` filter, an LDAP `(|…)`
 * search). The engine hands over a whole page; the connector splits it into requests as its
 * store allows (URL length, filter limits) and falls back to one request per item where the
 * store cannot combine them. Without this operation the engine uses `get` and `find` per object.
 */
export interface BatchLookupOp {
  /** Objects by remote id; ids that do not exist are absent from the map. */
  getMany(type: ObjectType, remoteIds: readonly string[]): Promise<ReadonlyMap<string, RemoteObject>>;
  /** The matches of each filter: `result[i]` answers `filters[i]` (an empty array when none match). */
  findEach(type: ObjectType, filters: readonly FilterNode[]): Promise<readonly (readonly RemoteObject[])[]>;
}

/** Incremental change detection with a resumable token owned by the connector, stored by the engine. */
export interface ChangesOp {
  /** A token meaning "now", to start incremental sync without replaying history. */
  latestToken(type: ObjectType): Promise<string>;
  /** Changes after `token`, in batches, each with the token to resume after it. */
  changesSince(type: ObjectType, token: string): Observable<ChangeBatch>;
}

export interface CreateOp {
  create(type: ObjectType, resource: ScimResource): Promise<RemoteObject>;
}

/** Updates by a minimal SCIM PatchOp (preferred when the store supports partial updates). */
/**
 * What an update may report back: a store that can only rename by re-creating (Atlassian
 * groups) gives the object a new remote id, which the engine then records on the link.
 */
export type UpdateOutcome = void | { readonly remoteId: string };

export interface PatchUpdateOp {
  patch(type: ObjectType, remoteId: string, operations: readonly PatchOperation[]): Promise<UpdateOutcome>;
}

/** Updates by replacing the whole object (the SCIM 1.1 way, or stores without partial updates). */
export interface ReplaceUpdateOp {
  replace(type: ObjectType, remoteId: string, resource: ScimResource): Promise<UpdateOutcome>;
}

/** Soft delete: the object stays but can no longer sign in (`active: false`, AD's disable bit…). */
export interface DisableOp {
  disable(type: ObjectType, remoteId: string): Promise<void>;
}

export interface DeleteOp {
  delete(type: ObjectType, remoteId: string): Promise<void>;
}

/** Group membership by remote ids. Batching to `maxMembersPerRequest` is the engine's job. */
export interface MembershipOp {
  /** The remote ids of a group's current members, in pages. */
  readMembers(groupRemoteId: string): Observable<readonly string[]>;
  addMembers(groupRemoteId: string, memberRemoteIds: readonly string[]): Promise<void>;
  removeMembers(groupRemoteId: string, memberRemoteIds: readonly string[]): Promise<void>;
}

/** Releases pooled connections. */
export interface CloseOp {
  close(): Promise<void>;
}

/** A connector instance for one connection: any subset of the operations above. */
export type Connector = Partial<
  TestConnectionOp &
    ReadOp &
    FindOp &
    BatchLookupOp &
    ChangesOp &
    CreateOp &
    PatchUpdateOp &
    ReplaceUpdateOp &
    DisableOp &
    DeleteOp &
    MembershipOp &
    CloseOp
>;
