/**
 * A small, independent model of what outbound provisioning must end with, for the convergence
 * property: it knows nothing of the engine's code, only the rules a person would state — who
 * is in scope, who was ever provisioned, what the remove action does. The one piece of history
 * it keeps is which hub users idsync has provisioned (linked), because that decides whether a
 * user who is disabled in the hub or out of scope still has a remote account.
 */

export type Title = 'A' | 'B';
export type ScopeFilter = 'title' | 'active' | 'none';

/** What the users rule's scope filter is for each choice. */
export const SCOPE_FILTERS: Readonly<Record<ScopeFilter, string | undefined>> = {
  title: 'title eq "A"',
  active: 'active eq true',
  none: undefined,
};

export interface ModelUser {
  readonly slot: number;
  exists: boolean;
  title: Title;
  active: boolean;
  familyName: string;
  inGroup: boolean;
  /**
   * idsync created (or linked) a remote account under this userName at some point. Accounts are
   * never deleted here (remove action disable), so a re-hired user finds the old account.
   */
  linked: boolean;
}

export const userNameOf = (slot: number) => `u${slot}.p@example.com`;

/** The mapped attributes a remote account of an in-scope user must have. */
export interface ExpectedAccount {
  readonly userName: string;
  readonly displayName: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly title: Title;
  readonly active: boolean;
}

export class ConvergenceModel {
  /** Users by slot (the slot is the userName); a deleted slot may be created again (a re-hire). */
  readonly users = new Map<number, ModelUser>();
  scope: ScopeFilter = 'none';
  enabled = true;
  /** Users changed in the hub since the last users sync (what an incremental run visits). */
  private readonly dirty = new Set<number>();
  private synced = false;

  wanted(user: ModelUser): boolean {
    if (!user.exists || !this.enabled) return false;
    if (this.scope === 'title') return user.title === 'A';
    if (this.scope === 'active') return user.active;
    return true;
  }

  /** Marks a hub change of a user (create, update, delete, joining or leaving a group). */
  touch(slot: number): void {
    this.dirty.add(slot);
  }

  /**
   * A users sync. An incremental run (once there is a checkpoint) sees only changed users; a
   * full run sees every user and every link. A seen, wanted user gets an account if they have
   * none and are active (disabled users are not provisioned); accounts are never dropped.
   */
  syncUsers(mode: 'full' | 'incremental'): void {
    const full = mode === 'full' || !this.synced;
    for (const user of this.users.values()) {
      if (!full && !this.dirty.has(user.slot)) continue;
      if (this.wanted(user) && user.active) user.linked = true;
    }
    this.dirty.clear();
    this.synced = true;
  }

  /** Remote accounts after a final full sync, by userName: mapped attributes, or `disabled`. */
  expectedAccounts(): Map<string, ExpectedAccount | 'disabled'> {
    const accounts = new Map<string, ExpectedAccount | 'disabled'>();
    for (const user of this.users.values()) {
      if (!user.linked) continue;
      const userName = userNameOf(user.slot);
      if (!this.wanted(user)) {
        accounts.set(userName, 'disabled');
        continue;
      }
      const givenName = `u${user.slot}`;
      accounts.set(userName, {
        userName,
        displayName: `${givenName} ${user.familyName}`,
        givenName,
        familyName: user.familyName,
        title: user.title,
        active: user.active,
      });
    }
    return accounts;
  }

  /** Members of the remote group under overwrite: hub members that are in scope and provisioned. */
  expectedMembers(): string[] {
    return [...this.users.values()]
      .filter((user) => user.inGroup && user.linked && this.wanted(user))
      .map((user) => userNameOf(user.slot))
      .sort();
  }
}
