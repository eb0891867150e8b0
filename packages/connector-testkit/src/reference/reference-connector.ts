import {
  ConnectorError,
  type BatchLookupOp,
  type ChangeBatch,
  type ChangesOp,
  type CloseOp,
  type ConnectorContext,
  type CreateOp,
  type DeleteOp,
  type DisableOp,
  type FindOp,
  type MembershipOp,
  type ObjectType,
  type PatchUpdateOp,
  type ReadOp,
  type ReadOptions,
  type RemoteObject,
  type ReplaceUpdateOp,
  type TestConnectionOp,
  type TestConnectionResult,
} from '@idsync/core';
import {
  applyPatch,
  compileFilter,
  createCoreRegistry,
  type FilterNode,
  type PatchOperation,
  type ScimResource,
  type SchemaRegistry,
} from '@idsync/scim';
import type { Observable } from 'rxjs';
import { readChangeBatches } from './read-change-batches.js';
import { decodeChangeToken, encodeChangeToken } from './change-token.js';
import type { ReferenceConfig } from './config.js';
import type { OperationCall } from './fault-injector.js';
import { fromCanonical } from './from-canonical.js';
import type { InMemoryIdentityStore } from './in-memory-identity-store.js';
import { pageStream } from './page-stream.js';
import { ReferenceStoreError } from './reference-store-error.js';
import { testReferenceConnection } from './test-reference-connection.js';
import { toCanonical } from './to-canonical.js';
import { toConnectorError } from './to-connector-error.js';

/** The store's own cap, as a remote API caps `count`: a larger request gets pages of this size. */
const MAX_PAGE_SIZE = 1000;

/**
 * The reference connector: every operation of the SPI, implemented honestly over the in-memory
 * store. Each call goes through the same steps a real connector's would: counted and possibly
 * failed by the store's fault injector, authenticated, mapped to and from canonical SCIM, and
 * every store error turned into a `ConnectorError`.
 */
export class ReferenceConnector
  implements
    TestConnectionOp,
    ReadOp,
    FindOp,
    BatchLookupOp,
    ChangesOp,
    CreateOp,
    PatchUpdateOp,
    ReplaceUpdateOp,
    DisableOp,
    DeleteOp,
    MembershipOp,
    CloseOp
{
  private readonly registry: SchemaRegistry = createCoreRegistry();
  private closed = false;

  constructor(
    private readonly store: InMemoryIdentityStore,
    private readonly config: ReferenceConfig,
    private readonly context: ConnectorContext,
  ) {}

  async testConnection(): Promise<TestConnectionResult> {
    await this.store.faults.enter({ operation: 'testConnection' });
    return testReferenceConnection(this.store, this.config.accessKey);
  }

  read(type: ObjectType, options: ReadOptions = {}): Observable<readonly RemoteObject[]> {
    const call: OperationCall = { operation: 'read', type };
    return this.stream(call, async () => {
      const size = this.pageSizeOf(options.pageSize);
      const store = this.store;
      const accessKey = this.config.accessKey;
      return (function* () {
        for (let after = 0; ;) {
          store.authenticate(accessKey);
          const page = store.page(type, after, size);
          if (page.length === 0) return;
          yield page.map(toCanonical);
          after = page[page.length - 1]?.position ?? after;
          if (page.length < size) return;
        }
      })();
    });
  }

  async find(type: ObjectType, filter: FilterNode): Promise<readonly RemoteObject[]> {
    return this.run({ operation: 'find', type }, async () => {
      const matches = compileFilter(filter, { registry: this.registry, scope: this.registry.scopeOf(type) });
      return this.store
        .all(type)
        .map(toCanonical)
        .filter((object) => matches(object.resource));
    });
  }

  async get(type: ObjectType, remoteId: string): Promise<RemoteObject | undefined> {
    return this.run({ operation: 'get', type, remoteId }, async () => {
      const record = this.store.get(type, remoteId);
      return record && toCanonical(record);
    });
  }

  /** Many objects by id in one call, as a store answering an `id eq … or id eq …` filter would. */
  async getMany(type: ObjectType, remoteIds: readonly string[]): Promise<ReadonlyMap<string, RemoteObject>> {
    return this.run({ operation: 'getMany', type, remoteIds }, async () => {
      const found = new Map<string, RemoteObject>();
      for (const remoteId of remoteIds) {
        const record = this.store.get(type, remoteId);
        if (record) found.set(remoteId, toCanonical(record));
      }
      return found;
    });
  }

  /** Several filters in one call: one snapshot of the store, each filter's matches in order. */
  async findEach(
    type: ObjectType,
    filters: readonly FilterNode[],
  ): Promise<readonly (readonly RemoteObject[])[]> {
    return this.run({ operation: 'findEach', type }, async () => {
      const scope = { registry: this.registry, scope: this.registry.scopeOf(type) };
      const objects = this.store.all(type).map(toCanonical);
      return filters.map((filter) => {
        const matches = compileFilter(filter, scope);
        return objects.filter((object) => matches(object.resource));
      });
    });
  }

  async latestToken(type: ObjectType): Promise<string> {
    return this.run({ operation: 'latestToken', type }, async () =>
      encodeChangeToken(this.store.instanceId, this.store.latestChange()),
    );
  }

  changesSince(type: ObjectType, token: string): Observable<ChangeBatch> {
    return this.stream({ operation: 'changesSince', type }, async () => {
      const after = decodeChangeToken(this.store.instanceId, token);
      if (after > this.store.latestChange()) {
        throw new ReferenceStoreError(
          'bad-token',
          `The change token points past the end of the change log; it was not issued by this store.`,
        );
      }
      return readChangeBatches(this.store, type, after, this.config.pageSize);
    });
  }

  async create(type: ObjectType, resource: ScimResource): Promise<RemoteObject> {
    const call: OperationCall = { operation: 'create', type, resource };
    return this.run(call, async () => {
      const record = this.store.insert(
        type,
        fromCanonical(type, resource, { registry: this.registry, mode: 'create' }),
      );
      await this.afterWrite({ ...call, remoteId: record.remoteId });
      return toCanonical(record);
    });
  }

  async patch(type: ObjectType, remoteId: string, operations: readonly PatchOperation[]): Promise<void> {
    const call: OperationCall = { operation: 'patch', type, remoteId };
    return this.run(call, async () => {
      const existing = toCanonical(this.store.require(type, remoteId)).resource;
      const context = { registry: this.registry, scope: this.registry.scopeOf(type) };
      const { resource, changed } = applyPatch(existing, operations, context);
      if (!changed) return;
      this.store.update(
        type,
        remoteId,
        fromCanonical(type, resource, { registry: this.registry, mode: 'replace', existing }),
      );
      await this.afterWrite(call);
    });
  }

  async replace(type: ObjectType, remoteId: string, resource: ScimResource): Promise<void> {
    const call: OperationCall = { operation: 'replace', type, remoteId, resource };
    return this.run(call, async () => {
      const existing = toCanonical(this.store.require(type, remoteId)).resource;
      this.store.update(
        type,
        remoteId,
        fromCanonical(type, resource, { registry: this.registry, mode: 'replace', existing }),
      );
      await this.afterWrite(call);
    });
  }

  async disable(type: ObjectType, remoteId: string): Promise<void> {
    const call: OperationCall = { operation: 'disable', type, remoteId };
    return this.run(call, async () => {
      if (type !== 'User')
        throw new ReferenceStoreError(
          'not-supported',
          'Only users can be disabled; groups have no "active" flag.',
        );
      const record = this.store.require(type, remoteId);
      if (record.attributes.active === false) return;
      this.store.modify(type, remoteId, { active: false });
      await this.afterWrite(call);
    });
  }

  async delete(type: ObjectType, remoteId: string): Promise<void> {
    const call: OperationCall = { operation: 'delete', type, remoteId };
    return this.run(call, async () => {
      this.store.remove(type, remoteId);
      await this.afterWrite(call);
    });
  }

  readMembers(groupRemoteId: string): Observable<readonly string[]> {
    return this.stream({ operation: 'readMembers', type: 'Group', remoteId: groupRemoteId }, async () => {
      // One snapshot, then pages of it: a store without cursors over members behaves the same way.
      const memberIds = this.store.membersOf(groupRemoteId);
      const size = this.config.pageSize;
      return (function* () {
        for (let start = 0; start < memberIds.length; start += size)
          yield memberIds.slice(start, start + size);
      })();
    });
  }

  async addMembers(groupRemoteId: string, memberRemoteIds: readonly string[]): Promise<void> {
    const call: OperationCall = {
      operation: 'addMembers',
      type: 'Group',
      remoteId: groupRemoteId,
      memberIds: memberRemoteIds,
    };
    return this.run(call, async () => {
      if (this.store.addMembers(groupRemoteId, memberRemoteIds)) await this.afterWrite(call);
    });
  }

  async removeMembers(groupRemoteId: string, memberRemoteIds: readonly string[]): Promise<void> {
    const call: OperationCall = {
      operation: 'removeMembers',
      type: 'Group',
      remoteId: groupRemoteId,
      memberIds: memberRemoteIds,
    };
    return this.run(call, async () => {
      if (this.store.removeMembers(groupRemoteId, memberRemoteIds)) await this.afterWrite(call);
    });
  }

  async close(): Promise<void> {
    await this.store.faults.enter({ operation: 'close' });
    this.closed = true;
  }

  /** The common path of every promise-returning operation. */
  private async run<T>(call: OperationCall, body: () => Promise<T>): Promise<T> {
    try {
      await this.open(call);
      return await body();
    } catch (error) {
      throw this.mapError(call, error);
    }
  }

  /** The common path of every streaming operation; `start` runs on subscribe, after the checks. */
  private stream<T>(call: OperationCall, start: () => Promise<Iterator<T>>): Observable<T> {
    return pageStream(
      async () => {
        await this.open(call);
        return start();
      },
      (pageIndex) => this.store.faults.step({ ...call, phase: 'page', pageIndex }),
      (error) => this.mapError(call, error),
    );
  }

  private async open(call: OperationCall): Promise<void> {
    await this.store.faults.enter(call);
    if (this.closed) {
      throw new ConnectorError(
        'unavailable',
        `The reference connector for "${this.store.name}" was closed; create a new instance.`,
      );
    }
    this.store.authenticate(this.config.accessKey);
  }

  private async afterWrite(call: OperationCall): Promise<void> {
    this.context.log('debug', `${call.operation} ${call.type ?? ''} done`, {
      store: this.store.name,
      remoteId: call.remoteId,
    });
    await this.store.faults.step({ ...call, phase: 'after-write' });
  }

  private mapError(call: OperationCall, error: unknown): unknown {
    const subject = call.remoteId === undefined ? (call.type ?? '') : `${call.type ?? ''} "${call.remoteId}"`;
    return toConnectorError(
      error,
      `${call.operation} ${subject} on reference store "${this.store.name}"`.replace(/\s+/g, ' '),
    );
  }

  private pageSizeOf(requested: number | undefined): number {
    if (requested === undefined) return this.config.pageSize;
    if (!Number.isInteger(requested) || requested < 1) {
      throw new ReferenceStoreError('refused', `A page size must be a positive integer, got ${requested}.`);
    }
    return Math.min(requested, MAX_PAGE_SIZE);
  }
}
