import { getCaseInsensitive, ScimError } from '@idsync/scim';
import type { TargetPolicy } from '../target-policy.js';

/**
 * Group renames are refused (Atlassian Cloud: "renaming groups isn't supported"): a PUT or PATCH
 * that changes displayName is a 400, so a client has to create a group with the new name, move
 * the members and delete the old group.
 */
export const noGroupRename: TargetPolicy = {
  name: 'no-group-rename',
  description:
    'A PUT or PATCH that changes a group displayName is refused (400): create, move members, delete.',
  checkWrite(write, context) {
    if (context.resourceType !== 'Group' || !write.before) return;
    const before = getCaseInsensitive(write.before, 'displayName');
    const after = getCaseInsensitive(write.after, 'displayName');
    if (before !== after) {
      throw ScimError.mutability(
        `Renaming group "${String(before)}" to "${String(after)}" is not supported; create a group with the new name, move the members, then delete the old group.`,
      );
    }
  },
};
