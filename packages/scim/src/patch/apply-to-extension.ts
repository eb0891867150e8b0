import { ScimError } from '../errors/scim-error.js';
import { isComplexValue } from './complex-value.js';
import { applyTargetedOperation } from './apply-targeted-operation.js';
import { assertMutationAllowed } from './mutability-guard.js';
import type { OperationEnv } from './operation-env.js';
import type { PatchOpName } from './patch-operation.js';
import { resolveAttribute, type ExtensionTarget } from './patch-target.js';
import { splitAttributePath } from '../schema/attribute-path.js';

/**
 * An operation whose path (or path-less value key) is an extension URN alone: the target is the
 * whole extension object. add/replace treat each member of the value as an operation on that
 * extension attribute (so `emails`-style lists inside still append or replace as the op says);
 * remove, or a null value, clears the extension, and `schemas` then loses its URN.
 */
export function applyToExtension(
  env: OperationEnv,
  op: PatchOpName,
  target: ExtensionTarget,
  value: unknown,
): void {
  if (op === 'remove' || value === null) {
    removeExtension(env, target);
    return;
  }
  if (!isComplexValue(value)) {
    throw ScimError.invalidValue(
      `"${target.text}" is an extension schema; its value must be an object of that extension's attributes.`,
    );
  }
  for (const key of Object.keys(value)) {
    const path = splitAttributePath(key);
    if (!path || path.schema !== undefined) {
      throw ScimError.invalidPath(`"${key}" inside "${target.text}" is not an attribute name.`);
    }
    const attribute = resolveAttribute({ ...path, schema: target.urn }, `${target.urn}:${key}`, env.resolver);
    applyTargetedOperation(env, { op, target: attribute, value: value[key] });
  }
}

function removeExtension(env: OperationEnv, target: ExtensionTarget): void {
  const container = env.draft.container(target.urn, false);
  if (!container) return;
  for (const key of Object.keys(container)) {
    const path = splitAttributePath(key);
    const resolved =
      path && env.resolver.registry.resolve({ ...path, schema: target.urn }, env.resolver.scope);
    if (!resolved) {
      env.draft.deleteUnknown(container, key);
      continue;
    }
    assertMutationAllowed(
      resolved.definition,
      container[key],
      undefined,
      `${target.urn}:${resolved.definition.name}`,
    );
    env.draft.write(container, resolved.definition, undefined);
  }
}
