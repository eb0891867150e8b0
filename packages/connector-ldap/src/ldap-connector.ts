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
import { applyPatch, type FilterNode, type PatchOperation, type ScimResource } from '@idsync/scim';
import { Observable } from 'rxjs';
import { createDisableStrategy } from './account/disable-strategy.js';
import { ChangeFeed } from './changes/change-feed.js';
import { UpsertPoller } from './changes/poll-upserts.js';
import { AccessLogReader } from './changes/read-access-log.js';
import type { LdapConfig } from './config.js';
import { testLdapConnection } from './connection/test-ldap-connection.js';
import { EntryLocator } from './directory/entry-locator.js';
import { toConnectorError } from './directory/to-connector-error.js';
import { sameDn } from './escape/distinguished-name.js';
import { allOf } from './escape/ldap-filter.js';
import type { ObjectLayout } from './layout/object-layout.js';
import { LdapClient } from './ldap-client.js';
import { BatchLookup } from './lookup/batch-lookup.js';
import { MAX_PAGE_SIZE } from './manifest.js';
import { translateFilter } from './mapping/translate-filter.js';
import { GroupMembers } from './membership/group-members.js';
import { splitMemberPatch } from './membership/member-patch.js';
import { MemberValues } from './membership/member-values.js';
import { EntryWriter } from './write/entry-writer.js';

const isNotFound = (error: unknown) => error instanceof ConnectorError && error.code === 'not-found';

/** Bases searched besides the type's own base (the disabled container) may not exist yet. */
const isOptionalBase = (layout: ObjectLayout, base: string) => !sameDn(base, layout.baseDn);

/**
 * The LDAP connector: every capability of the SPI over one pooled, failover-capable connection.
 * It connects lazily, on the first call, never in the constructor.
 */
export class LdapConnector
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
  private readonly client: LdapClient;
  private readonly locator: EntryLocator;
  private readonly memberValues: MemberValues;
  private readonly members: GroupMembers;
  private readonly writer: EntryWriter;
  private readonly feed: ChangeFeed;
  private readonly batch: BatchLookup;

  constructor(
    private readonly config: LdapConfig,
    private readonly context: ConnectorContext,
  ) {
    const log = context.log;
    const disable = createDisableStrategy(config.disable);
    this.client = new LdapClient(config.connection, log);
    this.locator = new EntryLocator(this.client, config, disable);
    this.memberValues = new MemberValues(this.client, config, this.locator);
    this.members = new GroupMembers(this.client, config, this.locator, this.memberValues, log);
    this.writer = new EntryWriter(
      this.client,
      config,
      this.locator,
      disable,
      this.members,
      this.memberValues,
      log,
    );
    this.batch = new BatchLookup(config, this.locator, (type, filter) => this.find(type, filter));
    this.feed = new ChangeFeed(
      this.client,
      config,
      this.locator,
      new UpsertPoller(this.client, config, this.locator),
      new AccessLogReader(this.client, config),
      log,
    );
  }

  testConnection(): Promise<TestConnectionResult> {
    const disable = createDisableStrategy(this.config.disable);
    return testLdapConnection(
      this.config,
      (client) => new EntryLocator(client, this.config, disable),
      this.context.log,
    );
  }

  read(type: ObjectType, options: ReadOptions = {}): Observable<readonly RemoteObject[]> {
    const layout = this.locator.layoutOf(type);
    const pageSize = Math.max(1, Math.min(options.pageSize ?? this.config.pageSize, MAX_PAGE_SIZE));
    return new Observable<readonly RemoteObject[]>((subscriber) => {
      void (async () => {
        try {
          for (const base of layout.searchBases) {
            const binary = this.locator.binaryAttributes;
            const pages = this.client.searchPages(`read ${type} under ${base}`, {
              base,
              filter: layout.filter,
              attributes: this.locator.attributesFor(layout),
              pageSize,
              ...(binary ? { binaryAttributes: binary } : {}),
            });
            try {
              for await (const page of pages) {
                if (subscriber.closed) return; // leaving the loop ends the paged search
                const objects = page.flatMap((entry) => this.locator.canonical(entry, layout) ?? []);
                if (objects.length < page.length) {
                  this.context.log('warn', 'Entries without a stable id were skipped', {
                    base,
                    idAttribute: this.config.preset.idAttribute,
                  });
                }
                if (objects.length > 0) subscriber.next(objects);
              }
            } catch (error) {
              // An optional container (the disabled users' one before the first disable) holds
              // nothing yet. The type's own base missing is an error: reading it as "no users"
              // would make the engine delete or re-create every one of them.
              if (!(isOptionalBase(layout, base) && isNotFound(error))) throw error;
            }
          }
          subscriber.complete();
        } catch (error) {
          subscriber.error(toConnectorError(error, `read ${type}`));
        }
      })();
    });
  }

  async find(type: ObjectType, filter: FilterNode): Promise<readonly RemoteObject[]> {
    const layout = this.locator.layoutOf(type);
    const ldapFilter = allOf(
      layout.filter,
      translateFilter(filter, {
        mappings: layout.attributes,
        ...(this.config.preset.idAttribute === 'entryUUID' ? { idAttribute: 'entryUUID' } : {}),
      }),
    );
    const found: RemoteObject[] = [];
    for (const base of layout.searchBases) {
      const binary = this.locator.binaryAttributes;
      const entries = await this.client
        .search(`find ${type}`, {
          base,
          filter: ldapFilter,
          attributes: this.locator.attributesFor(layout),
          pageSize: this.config.pageSize,
          ...(binary ? { binaryAttributes: binary } : {}),
        })
        .catch((error: unknown) => {
          if (error instanceof ConnectorError && error.code === 'not-found') return [];
          throw error;
        });
      found.push(...entries.flatMap((entry) => this.locator.canonical(entry, layout) ?? []));
    }
    return found;
  }

  async get(type: ObjectType, remoteId: string): Promise<RemoteObject | undefined> {
    const entry = await this.locator.byId(type, remoteId);
    return entry && this.locator.canonical(entry, this.locator.layoutOf(type));
  }

  /** Objects by remote id in searches of 100 ids (`(|(entryUUID=…)…)`); missing ids are absent. */
  getMany(type: ObjectType, remoteIds: readonly string[]): Promise<ReadonlyMap<string, RemoteObject>> {
    return this.batch.getMany(type, remoteIds);
  }

  /** The matches of each filter, 50 filters per `(|…)` search; see `BatchLookup`. */
  findEach(type: ObjectType, filters: readonly FilterNode[]): Promise<readonly (readonly RemoteObject[])[]> {
    return this.batch.findEach(type, filters);
  }

  latestToken(type: ObjectType): Promise<string> {
    return this.feed.latestToken(type);
  }

  changesSince(type: ObjectType, token: string): Observable<ChangeBatch> {
    return this.feed.changesSince(type, token);
  }

  create(type: ObjectType, resource: ScimResource): Promise<RemoteObject> {
    return this.writer.create(type, resource);
  }

  async patch(type: ObjectType, remoteId: string, operations: readonly PatchOperation[]): Promise<void> {
    const what = `patch ${type} ${remoteId}`;
    const entry = await this.locator.existing(type, remoteId, what);
    const { members, others } =
      type === 'Group' ? splitMemberPatch(operations) : { members: [], others: [...operations] };
    if (others.length > 0) {
      const current = this.locator.canonical(entry, this.locator.layoutOf(type));
      if (!current)
        throw new ConnectorError('invalid', `${what}: the entry has no ${this.config.preset.idAttribute}.`);
      let patched: ScimResource;
      try {
        patched = applyPatch(current.resource, others, {
          registry: this.config.registry,
          scope: this.config.registry.scopeOf(type),
          unmatchedRemoveFilter: 'ignore',
        }).resource;
      } catch (error) {
        throw toConnectorError(error, what);
      }
      await this.writer.update(type, entry, patched, what);
    }
    for (const change of members) {
      if (change.kind === 'add') await this.members.add(remoteId, change.ids);
      else if (change.kind === 'remove') await this.members.remove(remoteId, change.ids);
      else await this.members.replace(remoteId, change.kind === 'clear' ? [] : change.ids);
    }
  }

  async replace(type: ObjectType, remoteId: string, resource: ScimResource): Promise<void> {
    const what = `replace ${type} ${remoteId}`;
    const entry = await this.locator.existing(type, remoteId, what);
    await this.writer.update(type, entry, resource, what);
  }

  async disable(type: ObjectType, remoteId: string): Promise<void> {
    const what = `disable ${type} ${remoteId}`;
    if (type !== 'User')
      throw new ConnectorError('unsupported', `${what}: only users can be disabled in LDAP.`);
    await this.writer.disableUser(await this.locator.existing(type, remoteId, what), what);
  }

  async delete(type: ObjectType, remoteId: string): Promise<void> {
    const what = `delete ${type} ${remoteId}`;
    await this.writer.delete(type, await this.locator.existing(type, remoteId, what), what);
  }

  readMembers(groupRemoteId: string): Observable<readonly string[]> {
    return this.members.read(groupRemoteId);
  }

  addMembers(groupRemoteId: string, memberRemoteIds: readonly string[]): Promise<void> {
    return this.members.add(groupRemoteId, memberRemoteIds);
  }

  removeMembers(groupRemoteId: string, memberRemoteIds: readonly string[]): Promise<void> {
    return this.members.remove(groupRemoteId, memberRemoteIds);
  }

  /** Replaces a group's members (overwrite mode); `addMembers`/`removeMembers` are the merge mode. */
  replaceMembers(groupRemoteId: string, memberRemoteIds: readonly string[]): Promise<void> {
    return this.members.replace(groupRemoteId, memberRemoteIds);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
