import { ScimError } from '@idsync/scim';
import type { TargetPolicy } from '../target-policy.js';
import { AWS_MEMBERSHIP_BATCH } from './aws-group-rules.js';
import { touchesOf, valueCount } from './patch-targets.js';

const PATCHABLE = new Set(['displayname', 'members', 'externalid']);

/**
 * AWS IAM Identity Center PatchGroup: only displayName, members and externalId may be named; at
 * most 100 membership changes per request; replacing the members, or removing all of them in
 * one request, is a 400 ValidationException. Members are added and removed one by one
 * (`add members`, `remove members[value eq "…"]`, or a remove with a value list).
 */
export const awsGroupPatchRules: TargetPolicy = {
  name: 'aws-group-patch-rules',
  description:
    'PatchGroup: only displayName, members, externalId; ≤ 100 membership changes; no replace of members, no remove of all members.',
  checkPatch(operations, context) {
    if (context.resourceType !== 'Group') return;
    const scope = context.registry.scopeOf('Group');
    let changes = 0;
    operations.forEach((operation, index) => {
      for (const touch of touchesOf(operation, scope)) {
        const where = `Operations[${index}]`;
        if (!PATCHABLE.has(touch.attribute)) {
          throw ScimError.invalidValue(
            `${where} names "${touch.attribute}"; a group PATCH may change only displayName, members and externalId.`,
          );
        }
        if (touch.attribute !== 'members') continue;
        if (operation.op === 'replace') {
          throw ScimError.invalidValue(
            `${where} replaces the members; AWS does not support replacing group members — add and remove them instead.`,
          );
        }
        if (operation.op === 'remove' && !touch.filtered && valueCount(touch.value) === 0) {
          throw ScimError.invalidValue(
            `${where} removes all members; AWS does not support removing every member in one request — remove them by value.`,
          );
        }
        changes += touch.filtered ? 1 : valueCount(touch.value);
      }
    });
    if (changes > AWS_MEMBERSHIP_BATCH) {
      throw ScimError.invalidValue(
        `The request makes ${changes} membership changes; at most ${AWS_MEMBERSHIP_BATCH} are allowed per request — split it.`,
      );
    }
  },
};
