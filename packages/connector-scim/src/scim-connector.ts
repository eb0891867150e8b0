import type {
  UpdateOutcome,
  BatchLookupOp,
  CloseOp,
  CreateOp,
  DeleteOp,
  DisableOp,
  FindOp,
  MembershipOp,
  ObjectType,
  ReadOp,
  ReadOptions,
  RemoteObject,
  ReplaceUpdateOp,
  TestConnectionOp,
  TestConnectionResult,
} from '@idsync/core';
import type { FilterNode, ScimResource } from '@idsync/scim';
import type { Observable } from 'rxjs';
import { findEachResources } from './batch/find-each.js';
import { getResources } from './batch/get-many.js';
import { addMembers, readMembers, removeMembers } from './membership/group-members.js';
import { findResources, getResource } from './read/find-resources.js';
import { listResources } from './read/list-resources.js';
import type { ScimTarget } from './scim-target.js';
import { testScimConnection } from './test-connection/test-scim-connection.js';
import { disableResource, replaceResource } from './update/update-resource.js';
import { createResource, deleteResource } from './write/create-resource.js';

/**
 * The SCIM connector for a target that is updated by whole-object replace (GET + PUT): SCIM
 * 1.1 services without PATCH, or any target with `patchMode: replace`. It deliberately has
 * no `patch` method, so the engine sees the missing capability and sends full resources;
 * {@link ScimPatchConnector} adds it for targets that take PATCH.
 */
export class ScimConnector
  implements
    TestConnectionOp,
    ReadOp,
    FindOp,
    BatchLookupOp,
    CreateOp,
    ReplaceUpdateOp,
    DisableOp,
    DeleteOp,
    MembershipOp,
    CloseOp
{
  constructor(protected readonly target: ScimTarget) {}

  testConnection(): Promise<TestConnectionResult> {
    return testScimConnection(this.target);
  }

  read(type: ObjectType, options: ReadOptions = {}): Observable<readonly RemoteObject[]> {
    return listResources(
      this.target,
      type,
      options.pageSize !== undefined ? { pageSize: options.pageSize } : {},
    );
  }

  find(type: ObjectType, filter: FilterNode): Promise<readonly RemoteObject[]> {
    return findResources(this.target, type, filter);
  }

  get(type: ObjectType, remoteId: string): Promise<RemoteObject | undefined> {
    return getResource(this.target, type, remoteId);
  }

  /** Many objects by id in few requests (`id eq … or …`), or one GET each where the target cannot combine. */
  getMany(type: ObjectType, remoteIds: readonly string[]): Promise<ReadonlyMap<string, RemoteObject>> {
    return getResources(this.target, type, remoteIds);
  }

  /** The matches of each filter, the filters joined by `or` in few requests where the target allows it. */
  findEach(type: ObjectType, filters: readonly FilterNode[]): Promise<readonly (readonly RemoteObject[])[]> {
    return findEachResources(this.target, type, filters);
  }

  create(type: ObjectType, resource: ScimResource): Promise<RemoteObject> {
    return createResource(this.target, type, resource);
  }

  async replace(type: ObjectType, remoteId: string, resource: ScimResource): Promise<UpdateOutcome> {
    await replaceResource(this.target, type, remoteId, resource);
    return this.outcomeFor(type, remoteId);
  }

  /** A group renamed by re-creation (Atlassian) has a new id: report it so the engine's link follows. */
  protected outcomeFor(type: ObjectType, remoteId: string): UpdateOutcome {
    const now = this.target.currentId(type, remoteId);
    return now === remoteId ? undefined : { remoteId: now };
  }

  disable(type: ObjectType, remoteId: string): Promise<void> {
    return disableResource(this.target, type, remoteId);
  }

  delete(type: ObjectType, remoteId: string): Promise<void> {
    return deleteResource(this.target, type, remoteId);
  }

  readMembers(groupRemoteId: string): Observable<readonly string[]> {
    return readMembers(this.target, groupRemoteId);
  }

  addMembers(groupRemoteId: string, memberRemoteIds: readonly string[]): Promise<void> {
    return addMembers(this.target, groupRemoteId, memberRemoteIds);
  }

  removeMembers(groupRemoteId: string, memberRemoteIds: readonly string[]): Promise<void> {
    return removeMembers(this.target, groupRemoteId, memberRemoteIds);
  }

  close(): Promise<void> {
    return this.target.close();
  }
}
