import { ConnectorError, type ConnectorContext } from '@idsync/core';
import type { LdapConfig } from '../config.js';
import { allOf, anyOf, equalTo } from '../escape/ldap-filter.js';
import type { LdapClient, Modification } from '../ldap-client.js';

const lower = (value: string) => value.toLowerCase();

/**
 * posixGroup `memberUid` values are uids, not DNs, so refint (which follows DNs) never updates
 * them: renaming a user's uid or deleting the user would leave the old uid in every group. When
 * the connector itself changes or removes a uid, this puts the groups in step: a renamed user's
 * old uid is replaced by the new one, a deleted user's uid is removed.
 */
export class MemberUidFollower {
  constructor(
    private readonly client: LdapClient,
    private readonly config: LdapConfig,
    private readonly log: ConnectorContext['log'],
  ) {}

  /** Whether groups name members by uid, so that uid changes concern them. */
  get active(): boolean {
    return this.config.membership.attribute === 'memberUid';
  }

  /** After a user's uid changed from `before` to `after` (each the entry's uid values). */
  async renamed(before: readonly string[], after: readonly string[], what: string): Promise<void> {
    const kept = new Set(after.map(lower));
    const gone = before.filter((uid) => !kept.has(lower(uid)));
    if (gone.length > 0) await this.replaceIn(gone, after[0], what);
  }

  /** After a user with these uids was deleted. */
  async deleted(uids: readonly string[], what: string): Promise<void> {
    if (uids.length > 0) await this.replaceIn(uids, undefined, what);
  }

  /** Removes `gone` from every group that lists it and, when given, puts `replacement` in its place. */
  private async replaceIn(
    gone: readonly string[],
    replacement: string | undefined,
    what: string,
  ): Promise<void> {
    if (!this.active) return;
    const layout = this.config.groups;
    const goneKeys = new Set(gone.map(lower));
    // memberUid matches case-exactly (caseExactIA5Match); ask for the spellings we know of.
    const spellings = [...new Set(gone.flatMap((uid) => [uid, lower(uid)]))];
    const filter = allOf(layout.filter, anyOf(...spellings.map((uid) => equalTo('memberUid', uid))));
    const failed: string[] = [];
    let firstError: unknown;
    let changed = 0;
    for (const base of layout.searchBases) {
      const groups = await this.client
        .search(`${what}: find groups listing memberUid ${gone.join(', ')}`, {
          base,
          filter,
          attributes: ['memberUid'],
          pageSize: this.config.pageSize,
        })
        .catch((error: unknown) => {
          if (error instanceof ConnectorError && error.code === 'not-found') return [];
          throw error;
        });
      for (const group of groups) {
        const values = group.texts('memberUid');
        const stale = values.filter((value) => goneKeys.has(lower(value)));
        if (stale.length === 0) continue;
        const modifications: Modification[] = [
          { operation: 'delete', attribute: 'memberUid', values: stale },
        ];
        if (replacement !== undefined && !values.some((value) => lower(value) === lower(replacement)))
          modifications.push({ operation: 'add', attribute: 'memberUid', values: [replacement] });
        try {
          await this.client.modify(`${what}: update memberUid in ${group.dn}`, group.dn, modifications);
          changed += 1;
        } catch (error) {
          this.log('warn', 'A group still lists an old memberUid', { group: group.dn, error: String(error) });
          failed.push(group.dn);
          firstError ??= error;
        }
      }
    }
    if (changed > 0)
      this.log('info', replacement ? 'Renamed a memberUid in groups' : 'Removed a memberUid from groups', {
        groups: changed,
      });
    if (failed.length > 0) {
      throw new ConnectorError(
        firstError instanceof ConnectorError ? firstError.code : 'unavailable',
        `${what}: the user was ${replacement ? 'renamed' : 'deleted'}, but ${failed.length} group(s) still list memberUid ${gone.join(', ')}: ${failed.slice(0, 5).join('; ')}. ` +
          "Setting those groups' members again (overwrite mode) removes the stale values.",
        { cause: firstError },
      );
    }
  }
}
