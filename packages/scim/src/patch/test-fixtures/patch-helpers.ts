import { ScimError } from '../../errors/scim-error.js';
import { applyPatch } from '../apply-patch.js';
import type { ApplyPatchOptions, PatchContext, PatchOperation, PatchResult } from '../patch-operation.js';
import { deepFreeze } from './sample-resources.js';
import { userContext } from './test-registry.js';

/** applyPatch on a deep-frozen input, so any write to the input throws. */
export function apply(
  resource: Record<string, unknown>,
  operations: PatchOperation[],
  context: PatchContext = userContext,
  options: Partial<ApplyPatchOptions> = {},
): PatchResult<Record<string, unknown>> {
  return applyPatch(deepFreeze(resource), operations, { ...context, ...options });
}

/** The ScimError a call throws; fails the test when it throws nothing or something else. */
export function scimErrorOf(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError, but nothing was thrown');
}
