import { ConnectorError } from '@idsync/core';
import { findRange, nextRangeRequest } from '../active-directory/ranged-attribute.js';
import type { LdapConfig } from '../config.js';
import type { EntryLocator } from '../directory/entry-locator.js';
import type { LdapEntry } from '../directory/ldap-entry.js';
import { dnKey } from '../escape/distinguished-name.js';
import type { LdapClient } from '../ldap-client.js';
import { BoundedCache } from './bounded-cache.js';

/** How many DN → remote id answers are remembered, and for how long. */
const CACHE_CAPACITY = 50_000;
const CACHE_TTL_MS = 5 * 60_000;

/** uniqueMember values may carry an optional unique identifier: `uid=a,dc=x#'0101'B` (RFC 4517 §3.3.21). */
const UNIQUE_ID_SUFFIX = /#'[01]*'B$/;

/**
 * Translates between a group's member values (DNs for member/uniqueMember, uids for memberUid)
 * and the remote ids idsync uses, remembering recent DN → id answers in a bounded cache.
 */
export class MemberValues {
  private readonly idsByKey = new BoundedCache<string, string>(CACHE_CAPACITY, CACHE_TTL_MS);

  constructor(
    private readonly client: LdapClient,
    private readonly config: LdapConfig,
    private readonly locator: EntryLocator,
  ) {}

  get attribute(): string {
    return this.config.membership.attribute;
  }

  private get byUid(): boolean {
    return this.config.membership.attribute === 'memberUid';
  }

  /** A comparison key for a member value: a normalised DN, or a lower-cased uid. */
  keyOf(value: string): string {
    if (this.byUid) return value.toLowerCase();
    try {
      return dnKey(value.replace(UNIQUE_ID_SUFFIX, ''));
    } catch {
      return value.toLowerCase();
    }
  }

  /** Whether a value is the placeholder member of otherwise empty groups. */
  isPlaceholder(value: string): boolean {
    const placeholder = this.config.membership.emptyGroupMember;
    return placeholder !== undefined && !this.byUid && this.keyOf(value) === dnKey(placeholder);
  }

  /**
   * Every member value of a group. Active Directory hands out large member lists in ranges
   * (`member;range=0-1499`); the next range is asked for until one ends in `*`.
   */
  async valuesOf(group: LdapEntry): Promise<string[]> {
    return (await this.allValuesOf(group)).filter((value) => !this.isPlaceholder(value));
  }

  /** Like `valuesOf`, with the placeholder member too. */
  async allValuesOf(group: LdapEntry): Promise<string[]> {
    const what = `read the members of ${group.dn}`;
    let entry = await this.client.read(what, group.dn, [this.attribute]);
    if (!entry) throw new ConnectorError('not-found', `${what}: the group is gone.`);
    const values = entry.texts(this.attribute);
    let range = this.config.preset.rangedValues ? findRange(entry.attributeNames, this.attribute) : undefined;
    while (range && entry) {
      values.push(...entry.texts(range.description));
      const next = nextRangeRequest(range);
      if (next === undefined) break;
      entry = await this.client.read(what, group.dn, [next]);
      range = entry ? findRange(entry.attributeNames, this.attribute) : undefined;
    }
    return values;
  }

  /** Remote ids for member values; values that name nothing in scope are left out. */
  async idsOf(values: readonly string[]): Promise<string[]> {
    const ids: string[] = [];
    const unknown: string[] = [];
    for (const value of values) {
      const cached = this.idsByKey.get(this.keyOf(value));
      if (cached) ids.push(cached);
      else unknown.push(value);
    }
    if (unknown.length === 0) return ids;
    const found = this.byUid
      ? await this.locator.usersByUid(unknown)
      : await this.locator.manyByDns(unknown.map((value) => value.replace(UNIQUE_ID_SUFFIX, '')));
    for (const value of unknown) {
      const entry = found.get(this.keyOf(value));
      const id = entry && this.locator.idOf(entry);
      if (id === undefined) continue;
      this.idsByKey.set(this.keyOf(value), id);
      ids.push(id);
    }
    return ids;
  }

  /**
   * Member values for remote ids. `missing` lists the ids that name no user or group; the caller
   * decides whether that is an error (adding) or nothing to do (removing).
   */
  async valuesFor(remoteIds: readonly string[]): Promise<{ values: Map<string, string>; missing: string[] }> {
    const found = await this.locator.manyByIds(remoteIds);
    const values = new Map<string, string>();
    const missing: string[] = [];
    for (const id of remoteIds) {
      const entry = found.get(id.toLowerCase());
      const value = entry && (this.byUid ? entry.text('uid') : entry.dn);
      if (value === undefined) {
        missing.push(id);
        continue;
      }
      values.set(id, value);
      this.idsByKey.set(this.keyOf(value), id.toLowerCase());
    }
    return { values, missing };
  }

  /** Forgets what the cache knows about an entry that was renamed, moved or deleted. */
  forget(remoteId: string): void {
    this.idsByKey.deleteWhere((id) => id === remoteId.toLowerCase());
  }
}
