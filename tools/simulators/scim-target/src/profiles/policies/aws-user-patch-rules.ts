import { ScimError } from '@idsync/scim';
import type { TargetPolicy } from '../target-policy.js';
import { touchesOf } from './patch-targets.js';

const NOT_REMOVABLE = new Set(['username', 'active']);

/**
 * AWS IAM Identity Center PatchUser: a remove must name a path (also enforced by RFC 7644), and
 * userName and active cannot be removed — deactivate with `replace active false`.
 */
export const awsUserPatchRules: TargetPolicy = {
  name: 'aws-user-patch-rules',
  description: 'PatchUser: remove needs a path; userName and active cannot be removed.',
  checkPatch(operations, context) {
    if (context.resourceType !== 'User') return;
    const scope = context.registry.scopeOf('User');
    operations.forEach((operation, index) => {
      if (operation.op !== 'remove') return;
      if (operation.path === undefined) {
        throw ScimError.noTarget(
          `Operations[${index}] is a remove without a path; name the attribute to remove.`,
        );
      }
      for (const touch of touchesOf(operation, scope)) {
        if (NOT_REMOVABLE.has(touch.attribute)) {
          throw ScimError.mutability(
            `Operations[${index}] removes "${touch.attribute}", which AWS does not allow; ${touch.attribute === 'active' ? 'replace it with false to deactivate the user' : 'replace it with a new value'}.`,
          );
        }
      }
    });
  },
};
