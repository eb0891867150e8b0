import { createHash, randomUUID } from 'node:crypto';
import type { ObjectType } from '@idsync/core';
import { ChangeLog, type ChangeLogEntry } from './change-log.js';
import { FaultInjector } from './fault-injector.js';
import { ReferenceStoreError } from './reference-store-error.js';
import type { RecordInput, StoredRecord } from './stored-record.js';

export interface InMemoryIdentityStoreOptions {
  /** The instance name connections refer to with `config.name`. */
  readonly name: string;
  /** The access key the store accepts; connections present it as `config.accessKey`. */
  readonly accessKey: string;
  /** The clock for timestamps; tests pass a fixed one. */
  readonly now?: () => Date;
}

/** The attribute that must be unique (without case) per type: what a person would search by. */
const UNIQUE_ATTRIBUTE: Readonly<Record<ObjectType, string>> = { User: 'userName', Group: 'displayName' };

const hashPassword = (password: string): string => createHash('sha256').update(password).digest('hex');

/**
 * The identity store behind the reference connector: users and groups with opaque remote ids,
 * group members, a change log and credentials, all in memory. It is the "client" of this
 * connector, and also the door for writes "outside idsync": engine tests call `insert`,
 * `modify`, `remove` and `addMember` directly to simulate a person editing the store, and those
 * writes land in the change log like any other.
 *
 * Methods are synchronous and do no validation of attribute values: that is the connector's
 * job (see `from-canonical.ts`), as it would be in front of a real store.
 */
export class InMemoryIdentityStore {
  readonly name: string;
  /** Changes on every new store, so change tokens of one instance are refused by another. */
  readonly instanceId = randomUUID().slice(0, 8);
  /** Fault injection and call counting for every connector talking to this store. */
  readonly faults = new FaultInjector();
  private readonly changeLog = new ChangeLog();
  private readonly now: () => Date;
  private accessKey: string;
  private reachable = true;
  private nextPosition = 1;
  private readonly records: Record<ObjectType, Map<string, StoredRecord>> = {
    User: new Map(),
    Group: new Map(),
  };
  private readonly byUniqueName: Record<ObjectType, Map<string, string>> = {
    User: new Map(),
    Group: new Map(),
  };
  private readonly members = new Map<string, Set<string>>();
  private readonly passwordHashes = new Map<string, string>();

  constructor(options: InMemoryIdentityStoreOptions) {
    this.name = options.name;
    this.accessKey = options.accessKey;
    this.now = options.now ?? (() => new Date());
  }

  /** Simulates an outage (`false`) or its end: every call then fails as unreachable. */
  setReachable(reachable: boolean): void {
    this.reachable = reachable;
  }

  /** Simulates a credential rotation: connections still presenting the old key are refused. */
  setAccessKey(accessKey: string): void {
    this.accessKey = accessKey;
  }

  isReachable(): boolean {
    return this.reachable;
  }

  /** What every request goes through first: reachability, then the key. */
  authenticate(accessKey: string): void {
    if (!this.reachable) {
      throw new ReferenceStoreError(
        'unreachable',
        `The in-memory store "${this.name}" does not answer (simulated outage).`,
      );
    }
    if (accessKey !== this.accessKey) {
      throw new ReferenceStoreError(
        'bad-credentials',
        `The in-memory store "${this.name}" refused the access key.`,
      );
    }
  }

  get(type: ObjectType, remoteId: string): StoredRecord | undefined {
    return this.records[type].get(remoteId);
  }

  /** Like `get`, for code that needs the object to exist. */
  require(type: ObjectType, remoteId: string): StoredRecord {
    const record = this.get(type, remoteId);
    if (!record)
      throw new ReferenceStoreError(
        'no-such-object',
        `No ${type} with id "${remoteId}" in store "${this.name}".`,
      );
    return record;
  }

  /** Up to `limit` objects created after `afterPosition`, in creation order (keyset paging). */
  page(type: ObjectType, afterPosition: number, limit: number): StoredRecord[] {
    const page: StoredRecord[] = [];
    for (const record of this.records[type].values()) {
      if (record.position <= afterPosition) continue;
      page.push(record);
      if (page.length >= limit) break;
    }
    return page;
  }

  count(type: ObjectType): number {
    return this.records[type].size;
  }

  /** Every object of a type, for assertions in tests. */
  all(type: ObjectType): StoredRecord[] {
    return [...this.records[type].values()];
  }

  /** Finds an object by its unique name (userName or group displayName), without case. */
  findByName(type: ObjectType, name: string): StoredRecord | undefined {
    const remoteId = this.byUniqueName[type].get(name.toLowerCase());
    return remoteId === undefined ? undefined : this.get(type, remoteId);
  }

  /** Whether `candidate` is the password last set on the user. */
  checkPassword(remoteId: string, candidate: string): boolean {
    return this.passwordHashes.get(remoteId) === hashPassword(candidate);
  }

  insert(type: ObjectType, input: RecordInput): StoredRecord {
    const remoteId = randomUUID();
    this.claimName(type, remoteId, input.attributes);
    const at = this.now().toISOString();
    const record: StoredRecord = {
      remoteId,
      type,
      position: this.nextPosition++,
      attributes: structuredClone(input.attributes),
      hasPassword: input.password !== undefined,
      revision: 1,
      createdAt: at,
      modifiedAt: at,
    };
    this.records[type].set(remoteId, record);
    if (type === 'Group') this.members.set(remoteId, new Set());
    if (input.password !== undefined) this.passwordHashes.set(remoteId, hashPassword(input.password));
    this.changeLog.append(type, remoteId, 'upsert', at);
    return record;
  }

  /** Replaces all attributes. The password stays unless a new one is given. */
  update(type: ObjectType, remoteId: string, input: RecordInput): StoredRecord {
    const existing = this.require(type, remoteId);
    this.claimName(type, remoteId, input.attributes);
    this.releaseName(type, existing.attributes, input.attributes);
    if (input.password !== undefined) this.passwordHashes.set(remoteId, hashPassword(input.password));
    return this.store({
      ...existing,
      attributes: structuredClone(input.attributes),
      hasPassword: existing.hasPassword || input.password !== undefined,
    });
  }

  /** A write "outside idsync": sets the given attributes and removes those given as `undefined`. */
  modify(type: ObjectType, remoteId: string, changes: Readonly<Record<string, unknown>>): StoredRecord {
    const attributes: Record<string, unknown> = { ...this.require(type, remoteId).attributes };
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) delete attributes[key];
      else attributes[key] = value;
    }
    return this.update(type, remoteId, { attributes });
  }

  remove(type: ObjectType, remoteId: string): void {
    const existing = this.require(type, remoteId);
    this.records[type].delete(remoteId);
    this.releaseName(type, existing.attributes, {});
    this.passwordHashes.delete(remoteId);
    this.members.delete(remoteId);
    const at = this.now().toISOString();
    this.changeLog.append(type, remoteId, 'delete', at);
    // As directories do, a deleted object leaves every group it was in.
    for (const [groupId, memberIds] of this.members) {
      if (memberIds.delete(remoteId)) this.store(this.require('Group', groupId));
    }
  }

  /** Member remote ids of a group, in the order they were added. */
  membersOf(groupId: string): string[] {
    this.require('Group', groupId);
    return [...(this.members.get(groupId) ?? [])];
  }

  /** Adds members (users or groups) that are not there yet; true when anything changed. */
  addMembers(groupId: string, memberIds: readonly string[]): boolean {
    this.require('Group', groupId);
    const unknown = memberIds.filter(
      (id) => id === groupId || (!this.get('User', id) && !this.get('Group', id)),
    );
    if (unknown.length > 0) {
      throw new ReferenceStoreError(
        'refused',
        `Cannot add ${unknown.map((id) => `"${id}"`).join(', ')} to group "${groupId}": no such user or group (or the group itself).`,
      );
    }
    const current = this.members.get(groupId) as Set<string>;
    const added = memberIds.filter((id) => !current.has(id));
    if (added.length === 0) return false;
    for (const id of added) current.add(id);
    this.store(this.require('Group', groupId));
    return true;
  }

  /** Removes members that are there; absent ones are ignored. True when anything changed. */
  removeMembers(groupId: string, memberIds: readonly string[]): boolean {
    this.require('Group', groupId);
    const current = this.members.get(groupId) as Set<string>;
    const removed = memberIds.filter((id) => current.delete(id));
    if (removed.length === 0) return false;
    this.store(this.require('Group', groupId));
    return true;
  }

  /** The newest change-log position. */
  latestChange(): number {
    return this.changeLog.latest;
  }

  /** The oldest position changes can still be read after. */
  changeHorizon(): number {
    return this.changeLog.horizon;
  }

  changesAfter(after: number, until?: number): Iterable<ChangeLogEntry> {
    return this.changeLog.entriesAfter(after, until);
  }

  /** Forgets the change log up to `through` (default: everything), as a full log does. */
  compactChangeLog(through?: number): void {
    this.changeLog.compact(through);
  }

  /** Writes a new revision of a record and logs it. */
  private store(record: StoredRecord): StoredRecord {
    const at = this.now().toISOString();
    const next: StoredRecord = { ...record, revision: record.revision + 1, modifiedAt: at };
    this.records[record.type].set(record.remoteId, next);
    this.changeLog.append(record.type, record.remoteId, 'upsert', at);
    return next;
  }

  private claimName(type: ObjectType, remoteId: string, attributes: Readonly<Record<string, unknown>>): void {
    const name = attributes[UNIQUE_ATTRIBUTE[type]];
    if (typeof name !== 'string') return;
    const holder = this.byUniqueName[type].get(name.toLowerCase());
    if (holder !== undefined && holder !== remoteId) {
      throw new ReferenceStoreError(
        'duplicate',
        `A ${type} with ${UNIQUE_ATTRIBUTE[type]} "${name}" already exists (id "${holder}").`,
      );
    }
    this.byUniqueName[type].set(name.toLowerCase(), remoteId);
  }

  /** Frees the old unique name when it changed. */
  private releaseName(
    type: ObjectType,
    before: Readonly<Record<string, unknown>>,
    after: Readonly<Record<string, unknown>>,
  ): void {
    const attribute = UNIQUE_ATTRIBUTE[type];
    const old = before[attribute];
    const next = after[attribute];
    if (typeof old !== 'string') return;
    if (typeof next === 'string' && next.toLowerCase() === old.toLowerCase()) return;
    this.byUniqueName[type].delete(old.toLowerCase());
  }
}
