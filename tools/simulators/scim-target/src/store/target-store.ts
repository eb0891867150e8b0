import { randomUUID } from 'node:crypto';
import type { ScimResource } from '@idsync/scim';
import type { Clock } from '../options/scim-target-options.js';
import { ResourceCollection, type ResourceTypeName } from './resource-collection.js';

/** One entry of a group's `members`, as stored. */
export interface StoredMember {
  value: string;
  type?: string;
  display?: string;
  $ref?: string;
}

export function membersOf(group: Readonly<ScimResource>): StoredMember[] {
  const members = group.members;
  return Array.isArray(members) ? (members as unknown as StoredMember[]) : [];
}

/**
 * The target's data: users and groups, kept in memory for the life of the server. Tests use it
 * to inspect what a client did and to make "changes outside idsync" (a user renamed in the
 * vendor's console, a group deleted by an admin) before the next sync.
 */
export class TargetStore {
  readonly users: ResourceCollection;
  readonly groups: ResourceCollection;
  private revision = 0;

  constructor(clock: Clock, newId: () => string = randomUUID) {
    const services = { clock, newId, nextRevision: () => ++this.revision };
    this.users = new ResourceCollection('User', services);
    this.groups = new ResourceCollection('Group', services);
  }

  collection(resourceType: ResourceTypeName): ResourceCollection {
    return resourceType === 'User' ? this.users : this.groups;
  }

  /**
   * For every member id, the groups that list it (id and displayName), in store order: one pass
   * over the groups, so a list of users can show each user's groups without a scan per user.
   */
  membershipIndex(): Map<string, { readonly id: string; readonly displayName?: string }[]> {
    const index = new Map<string, { id: string; displayName?: string }[]>();
    for (const group of this.groups.all()) {
      const entry = {
        id: group.id!,
        ...(typeof group.displayName === 'string' ? { displayName: group.displayName } : {}),
      };
      for (const member of membersOf(group)) {
        const groups = index.get(member.value) ?? [];
        if (!groups.some((known) => known.id === entry.id)) groups.push(entry);
        index.set(member.value, groups);
      }
    }
    return index;
  }

  /** The groups that list `memberId` among their members, in store order. */
  groupsWithMember(memberId: string): ScimResource[] {
    return this.groups.find((group) => membersOf(group).some((member) => member.value === memberId));
  }

  /**
   * Takes a deleted user or group out of every group's members, as a directory with referential
   * integrity does; each group changed gets a new version.
   */
  dropMemberEverywhere(memberId: string): void {
    for (const group of this.groupsWithMember(memberId)) {
      this.groups.update(group.id!, (current) => ({
        ...current,
        members: membersOf(current).filter(
          (member) => member.value !== memberId,
        ) as unknown as ScimResource['members'],
      }));
    }
  }

  clear(): void {
    this.users.clear();
    this.groups.clear();
  }
}
