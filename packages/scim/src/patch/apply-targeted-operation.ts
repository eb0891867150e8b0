import { applyToAttribute } from './apply-to-attribute.js';
import { applyToElements } from './apply-to-elements.js';
import type { OperationEnv, TargetedOperation } from './operation-env.js';

/**
 * Routes an operation on a resolved attribute target to the code for its shape: selected values
 * of a multi-valued attribute (value filter, or `emails.value` for all of them), or the attribute
 * as a whole / a sub-attribute of a single-valued complex attribute. The extension object is
 * created only for add/replace, so a remove never leaves an empty extension behind.
 */
export function applyTargetedOperation(env: OperationEnv, operation: TargetedOperation): void {
  const { target, op } = operation;
  const container = env.draft.container(target.extension, op !== 'remove');
  if (!container) return;
  if (target.filter || (target.definition.multiValued && target.subDefinition))
    applyToElements(env, container, operation);
  else applyToAttribute(env, container, operation);
}
