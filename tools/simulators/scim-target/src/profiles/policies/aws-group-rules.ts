import { ScimError } from '@idsync/scim';
import { membersOf } from '../../store/target-store.js';
import type { TargetPolicy } from '../target-policy.js';

/** The most members CreateGroup takes, and the most membership changes one PatchGroup makes. */
export const AWS_MEMBERSHIP_BATCH = 100;

/**
 * AWS IAM Identity Center group rules outside PATCH: CreateGroup takes at most 100 members; there
 * is no PutGroup (a PUT is a 400, "the operation is unsupported"); and GetGroup / ListGroups
 * answer with an empty `members` list — membership is visible only through a filter such as
 * `id eq "g" and members eq "u"`, which matches on the real members.
 */
export const awsGroupRules: TargetPolicy = {
  name: 'aws-group-rules',
  description:
    'CreateGroup ≤ 100 members; no PUT on groups; GetGroup/ListGroups return empty members (use a members filter).',
  checkOperation(operation, context) {
    if (context.resourceType === 'Group' && operation === 'replace') {
      throw ScimError.invalidSyntax(
        'PUT is not supported on groups by AWS IAM Identity Center (the operation is unsupported); change a group with PATCH.',
      );
    }
  },
  checkWrite(write, context) {
    if (context.resourceType !== 'Group' || write.operation !== 'create') return;
    const count = membersOf(write.after).length;
    if (count > AWS_MEMBERSHIP_BATCH) {
      throw ScimError.invalidValue(
        `A group can be created with at most ${AWS_MEMBERSHIP_BATCH} members, but ${count} were sent; add the rest with PATCH.`,
      );
    }
  },
  presentRead(resource, context) {
    if (context.resourceType !== 'Group') return resource;
    return { ...resource, members: [] };
  },
};
