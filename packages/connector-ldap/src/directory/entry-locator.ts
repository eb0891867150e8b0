import { ConnectorError, type ObjectType, type RemoteObject } from '@idsync/core';
import type { DisableStrategy } from '../account/disable-strategy.js';
import { guidBytesToText, isGuidText } from '../active-directory/object-guid.js';
import type { LdapConfig } from '../config.js';
import { dnKey, isWithin } from '../escape/distinguished-name.js';
import { allOf, anyOf, equalTo } from '../escape/ldap-filter.js';
import type { ObjectLayout } from '../layout/object-layout.js';
import type { LdapClient, SearchRequest } from '../ldap-client.js';
import { toCanonical } from '../to-canonical.js';
import type { LdapEntry } from './ldap-entry.js';

/** Values per OR filter when resolving many ids or DNs in one search. */
const LOOKUP_CHUNK = 100;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

/**
 * Finds entries by what idsync knows about them: the stable remote id (entryUUID, or objectGUID
 * as a GUID string on AD), a DN, or a uid. It also decides what an entry's remote id is and
 * which attributes every read asks for.
 */
export class EntryLocator {
  constructor(
    private readonly client: LdapClient,
    private readonly config: LdapConfig,
    private readonly disable: DisableStrategy,
  ) {}

  layoutOf(type: ObjectType): ObjectLayout {
    return type === 'User' ? this.config.users : this.config.groups;
  }

  private get activeDirectory(): boolean {
    return this.config.preset.idAttribute === 'objectGUID';
  }

  /** The attributes every read of this type requests. */
  attributesFor(layout: ObjectLayout): string[] {
    const { preset } = this.config;
    const names = [
      'objectClass',
      preset.idAttribute,
      preset.timestampAttribute,
      preset.versionAttribute,
      ...layout.attributes.map((mapping) => mapping.ldapAttribute),
      ...layout.fallbacks.keys(),
      ...(layout.type === 'User' ? this.disable.attributes : []),
      // posixGroup members are named by uid, whatever the attribute map says.
      ...(layout.type === 'User' && this.config.membership.attribute === 'memberUid' ? ['uid'] : []),
    ];
    return [...new Map(names.map((name) => [name.toLowerCase(), name])).values()];
  }

  /** Attributes that must come back as bytes. */
  get binaryAttributes(): readonly string[] | undefined {
    return this.activeDirectory ? ['objectGUID'] : undefined;
  }

  /** The stable remote id of an entry, or undefined when the server did not return one. */
  idOf(entry: LdapEntry): string | undefined {
    if (!this.activeDirectory) return entry.text('entryUUID')?.toLowerCase();
    const [guid] = entry.buffers('objectGUID');
    return guid && guid.length === 16 ? guidBytesToText(guid) : undefined;
  }

  /** The canonical form of an entry; undefined (and never an error) for an entry without identity. */
  canonical(entry: LdapEntry, layout: ObjectLayout): RemoteObject | undefined {
    const remoteId = this.idOf(entry);
    if (remoteId === undefined) return undefined;
    return toCanonical(entry, layout, {
      remoteId,
      ...(layout.type === 'User' ? { active: this.disable.isActive(entry) } : {}),
      timestampAttribute: this.config.preset.timestampAttribute,
    });
  }

  isInScope(entry: LdapEntry, layout: ObjectLayout): boolean {
    return layout.searchBases.some((base) => isWithin(entry.dn, base));
  }

  private request(
    base: string,
    filter: string,
    layout: ObjectLayout,
    extra: Partial<SearchRequest> = {},
  ): SearchRequest {
    const binary = this.binaryAttributes;
    return {
      base,
      filter,
      attributes: this.attributesFor(layout),
      ...(binary ? { binaryAttributes: binary } : {}),
      ...extra,
    };
  }

  /** Searches each base of the layout; a base that does not exist (yet) holds nothing. */
  async searchBases(
    what: string,
    layout: ObjectLayout,
    filter: string,
    extra: Partial<SearchRequest> = {},
  ): Promise<LdapEntry[]> {
    const found: LdapEntry[] = [];
    for (const base of layout.searchBases) {
      try {
        found.push(...(await this.client.search(what, this.request(base, filter, layout, extra))));
      } catch (error) {
        if (!(error instanceof ConnectorError && error.code === 'not-found')) throw error;
      }
    }
    return found;
  }

  /** The entry of this type with this remote id; undefined when there is none (or the id cannot be one). */
  async byId(type: ObjectType, remoteId: string): Promise<LdapEntry | undefined> {
    if (!isGuidText(remoteId)) return undefined;
    const layout = this.layoutOf(type);
    const what = `look up ${type} ${remoteId}`;
    if (this.activeDirectory) {
      // AD resolves <GUID=…> as a DN: a base search needs no binary filter value.
      const entry = await this.client
        .search(what, this.request(`<GUID=${remoteId}>`, layout.filter, layout, { scope: 'base' }))
        .then((entries) => entries[0])
        .catch((error: unknown) => {
          if (error instanceof ConnectorError && error.code === 'not-found') return undefined;
          throw error;
        });
      return entry && this.isInScope(entry, layout) ? entry : undefined;
    }
    const [entry] = await this.searchBases(
      what,
      layout,
      allOf(layout.filter, equalTo('entryUUID', remoteId)),
      { sizeLimit: 2 },
    );
    return entry;
  }

  /** The entry or a `not-found` error that names what was looked for. */
  async existing(type: ObjectType, remoteId: string, what: string): Promise<LdapEntry> {
    const entry = await this.byId(type, remoteId);
    if (!entry)
      throw new ConnectorError(
        'not-found',
        `${what}: no ${type} with id ${remoteId} in ${this.layoutOf(type).searchBases.join(' or ')}.`,
      );
    return entry;
  }

  /** Users and groups by remote id (members of a group can be either); missing ids are absent from the result. */
  async manyByIds(remoteIds: readonly string[]): Promise<Map<string, LdapEntry>> {
    const found = new Map<string, LdapEntry>();
    const ids = [...new Set(remoteIds.map((id) => id.toLowerCase()))].filter(isGuidText);
    for (const type of ['User', 'Group'] as const) {
      const layout = this.layoutOf(type);
      if (this.activeDirectory) {
        for (const id of ids.filter((candidate) => !found.has(candidate))) {
          const entry = await this.byId(type, id);
          if (entry) found.set(id, entry);
        }
        continue;
      }
      for (const chunk of chunks(
        ids.filter((id) => !found.has(id)),
        LOOKUP_CHUNK,
      )) {
        const filter = allOf(layout.filter, anyOf(...chunk.map((id) => equalTo('entryUUID', id))));
        for (const entry of await this.searchBases(`resolve ${chunk.length} member ids`, layout, filter)) {
          const id = this.idOf(entry);
          if (id !== undefined) found.set(id, entry);
        }
      }
    }
    return found;
  }

  /** Users and groups by DN, keyed by `dnKey`; DNs that name nothing (or nothing in scope) are absent. */
  async manyByDns(dns: readonly string[]): Promise<Map<string, LdapEntry>> {
    const found = new Map<string, LdapEntry>();
    const attribute = this.config.preset.dnAttribute;
    for (const type of ['User', 'Group'] as const) {
      const layout = this.layoutOf(type);
      for (const chunk of chunks(
        dns.filter((dn) => !found.has(dnKey(dn))),
        LOOKUP_CHUNK,
      )) {
        const filter = allOf(layout.filter, anyOf(...chunk.map((dn) => equalTo(attribute, dn))));
        for (const entry of await this.searchBases(`resolve ${chunk.length} member DNs`, layout, filter))
          found.set(dnKey(entry.dn), entry);
      }
    }
    return found;
  }

  /** Users by uid (posixGroup memberUid values), keyed by the lower-cased uid. */
  async usersByUid(uids: readonly string[]): Promise<Map<string, LdapEntry>> {
    const found = new Map<string, LdapEntry>();
    const layout = this.config.users;
    for (const chunk of chunks([...new Set(uids)], LOOKUP_CHUNK)) {
      const filter = allOf(layout.filter, anyOf(...chunk.map((uid) => equalTo('uid', uid))));
      for (const entry of await this.searchBases(
        `resolve ${chunk.length} memberUid values`,
        layout,
        filter,
      )) {
        for (const uid of entry.texts('uid')) found.set(uid.toLowerCase(), entry);
      }
    }
    return found;
  }
}
