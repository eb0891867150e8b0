import { ScimError, type ScimResource } from '@idsync/scim';
import type { StoredMember } from '../store/target-store.js';
import type { TargetContext } from './target-context.js';

/**
 * Group members as they are stored: each `value` must be an existing user or group (when the
 * profile checks references — vendors refuse unknown ids with a 400), and only `value` and
 * `type` are kept, because `display` and `$ref` are worked out on every read and would
 * otherwise go stale when the member is renamed.
 */
export function normaliseMembers(context: TargetContext, group: ScimResource): ScimResource {
  if (!Array.isArray(group.members)) return group;
  const members = (group.members as unknown as StoredMember[]).map((member, index) => {
    const value = member?.value;
    if (typeof value !== 'string' || value === '') {
      throw ScimError.invalidValue(`members[${index}] has no "value"; give the id of a user or group.`);
    }
    if (context.store.users.has(value)) return { value, type: 'User' };
    if (context.store.groups.has(value)) return { value, type: 'Group' };
    if (context.profile.checkMemberReferences) {
      throw ScimError.invalidValue(
        `members[${index}] refers to "${value}", which is neither a user nor a group here.`,
      );
    }
    return member;
  });
  return { ...group, members: members as unknown as ScimResource['members'] };
}
