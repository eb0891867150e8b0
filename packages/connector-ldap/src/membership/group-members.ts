import { ConnectorError, type ConnectorContext } from '@idsync/core';
import { Observable } from 'rxjs';
import type { LdapConfig } from '../config.js';
import type { EntryLocator } from '../directory/entry-locator.js';
import type { LdapEntry } from '../directory/ldap-entry.js';
import type { LdapClient, Modification } from '../ldap-client.js';
import type { MemberValues } from './member-values.js';

/** LDAP result codes that mean "someone changed the member list between our read and our write". */
const RACE_RESULTS = new Set([16, 20]); // noSuchAttribute, attributeOrValueExists

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

/** What a change of a group's members should achieve. */
type MemberChange =
  | { readonly kind: 'add' | 'remove'; readonly ids: readonly string[] }
  | { readonly kind: 'replace'; readonly ids: readonly string[] };

/**
 * Group membership by remote ids over member, uniqueMember or memberUid. Writes read the current
 * values first and send only real changes, so adding a present member or removing an absent one
 * succeeds quietly (the engine repeats calls after a crash). Large changes go in batches of
 * `memberBatchSize` values per modify request; adds go before removes, so an overwrite never
 * empties a group on the way. A placeholder member keeps groupOfNames valid while it has no
 * real member.
 */
export class GroupMembers {
  constructor(
    private readonly client: LdapClient,
    private readonly config: LdapConfig,
    private readonly locator: EntryLocator,
    private readonly values: MemberValues,
    private readonly log: ConnectorContext['log'],
  ) {}

  /** The remote ids of a group's members, a page at a time; values naming nothing in scope are skipped. */
  read(groupId: string): Observable<readonly string[]> {
    return new Observable<readonly string[]>((subscriber) => {
      void (async () => {
        try {
          const group = await this.locator.existing('Group', groupId, 'readMembers');
          const values = await this.values.valuesOf(group);
          const seen = new Set<string>();
          for (const chunk of chunks(values, this.config.pageSize)) {
            if (subscriber.closed) return;
            const ids = (await this.values.idsOf(chunk)).filter((id) => !seen.has(id));
            ids.forEach((id) => seen.add(id));
            if (ids.length > 0 && !subscriber.closed) subscriber.next(ids);
          }
          subscriber.complete();
        } catch (error) {
          subscriber.error(error);
        }
      })();
    });
  }

  add(groupId: string, memberIds: readonly string[]): Promise<void> {
    return this.change(groupId, { kind: 'add', ids: memberIds }, 'addMembers');
  }

  remove(groupId: string, memberIds: readonly string[]): Promise<void> {
    return this.change(groupId, { kind: 'remove', ids: memberIds }, 'removeMembers');
  }

  /** Overwrite mode: exactly these members afterwards. */
  replace(groupId: string, memberIds: readonly string[]): Promise<void> {
    return this.change(groupId, { kind: 'replace', ids: memberIds }, 'replace members');
  }

  /** Writes the members of a group just created (beyond those its add request carried). */
  async addToEntry(group: LdapEntry, memberIds: readonly string[], what: string): Promise<void> {
    await this.apply(group, { kind: 'add', ids: memberIds }, what);
  }

  private async change(groupId: string, change: MemberChange, operation: string): Promise<void> {
    const what = `${operation} of group ${groupId}`;
    const group = await this.locator.existing('Group', groupId, what);
    try {
      await this.apply(group, change, what);
    } catch (error) {
      if (!(error instanceof ConnectorError) || !RACE_RESULTS.has(Number(error.remoteStatus))) throw error;
      this.log('info', 'The member list changed while idsync wrote it; reading it again', {
        group: group.dn,
      });
      await this.apply(group, change, what);
    }
  }

  private async apply(group: LdapEntry, change: MemberChange, what: string): Promise<void> {
    const { values } = this;
    const resolved = await values.valuesFor(change.ids);
    if (change.kind !== 'remove' && resolved.missing.length > 0) {
      throw new ConnectorError(
        'not-found',
        `${what}: no user or group has the id(s) ${resolved.missing.slice(0, 10).join(', ')}${resolved.missing.length > 10 ? ' …' : ''}.`,
      );
    }
    const all = await values.allValuesOf(group);
    const placeholderPresent = all.some((value) => values.isPlaceholder(value));
    const current = new Map(
      all.filter((value) => !values.isPlaceholder(value)).map((value) => [values.keyOf(value), value]),
    );
    const wanted = new Map([...resolved.values.values()].map((value) => [values.keyOf(value), value]));
    const toAdd =
      change.kind === 'remove'
        ? []
        : [...wanted].filter(([key]) => !current.has(key)).map(([, value]) => value);
    const toRemove =
      change.kind === 'add'
        ? []
        : change.kind === 'remove'
          ? [...wanted.keys()].filter((key) => current.has(key)).map((key) => current.get(key) as string)
          : [...current].filter(([key]) => !wanted.has(key)).map(([, value]) => value);
    await this.write(group.dn, { count: current.size, placeholderPresent }, toAdd, toRemove, what);
  }

  /** Sends the changes in batches, taking the placeholder out with the first add and putting it back with the last remove. */
  private async write(
    dn: string,
    now: { readonly count: number; readonly placeholderPresent: boolean },
    toAdd: readonly string[],
    toRemove: readonly string[],
    what: string,
  ): Promise<void> {
    const attribute = this.values.attribute;
    const placeholder =
      this.config.membership.attribute === 'memberUid' ? undefined : this.config.membership.emptyGroupMember;
    const size = this.config.membership.batchSize;
    let count = now.count;
    let placeholderPresent = placeholder !== undefined && now.placeholderPresent;
    for (const batch of chunks(toAdd, size)) {
      const modifications: Modification[] = [{ operation: 'add', attribute, values: batch }];
      if (placeholderPresent)
        modifications.push({ operation: 'delete', attribute, values: [placeholder as string] });
      await this.client.modify(`${what}: add ${batch.length} members to ${dn}`, dn, modifications);
      placeholderPresent = false;
      count += batch.length;
    }
    for (const batch of chunks(toRemove, size)) {
      const modifications: Modification[] = [{ operation: 'delete', attribute, values: batch }];
      count -= batch.length;
      if (count === 0 && placeholder !== undefined)
        modifications.unshift({ operation: 'add', attribute, values: [placeholder] });
      await this.client.modify(`${what}: remove ${batch.length} members from ${dn}`, dn, modifications);
    }
  }
}
