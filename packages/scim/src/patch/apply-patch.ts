import { ScimError, isScimError } from '../errors/scim-error.js';
import { applyTargetedOperation } from './apply-targeted-operation.js';
import { applyToExtension } from './apply-to-extension.js';
import { expandPathlessValue } from './expand-pathless-value.js';
import type { OperationEnv } from './operation-env.js';
import type { ApplyPatchOptions, PatchOperation, PatchOpName, PatchResult } from './patch-operation.js';
import { createTargetResolver, resolvePatchTarget, type PatchTarget } from './patch-target.js';
import { ResourceDraft } from './resource-draft.js';

const OP_NAMES = new Set<string>(['add', 'remove', 'replace']);

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to a resource and returns the result.
 *
 * Pure and atomic: the input resource and the operations are never modified; operations run in
 * order, each on the result of the previous one, and the first failure throws a `ScimError`
 * (naming the operation by its index) with nothing applied, as the RFC requires ("the original
 * SCIM resource MUST be restored"). Schema-aware: names resolve through the registry within
 * `scope`, values are type-checked, mutability is enforced, `primary` stays unique, and
 * `schemas` follows the extensions present. `meta` is left to the caller; `changed` tells
 * whether anything changed, so a server can skip the write and keep the ETag.
 *
 * Operations are expected in the form `normalisePatchRequest` returns.
 */
export function applyPatch<T extends object>(
  resource: T,
  operations: readonly PatchOperation[],
  options: ApplyPatchOptions,
): PatchResult<T> {
  const env: OperationEnv = {
    draft: new ResourceDraft(resource, options.scope),
    resolver: createTargetResolver(options),
    preparation: { coerceStringBooleans: options.coerceStringBooleans ?? true },
    unmatchedRemoveFilter: options.unmatchedRemoveFilter ?? 'noTarget',
  };
  operations.forEach((operation, index) => {
    try {
      applyOperation(env, operation);
    } catch (error) {
      throw inOperation(error, index, operation);
    }
  });
  const patched = env.draft.finish();
  return { resource: patched as T, changed: env.draft.changed };
}

function applyOperation(env: OperationEnv, operation: PatchOperation): void {
  const op = operation.op as PatchOpName;
  if (!OP_NAMES.has(op)) {
    throw ScimError.invalidSyntax(`op ${JSON.stringify(operation.op)} is not "add", "remove" or "replace".`);
  }
  if (operation.path === undefined) {
    if (op === 'remove') throw ScimError.noTarget('A remove needs a "path" naming what to remove.');
    for (const part of expandPathlessValue(operation.value, env.resolver))
      applyToTarget(env, op, part.target, part.value);
    return;
  }
  if (op !== 'remove' && operation.value === undefined) {
    throw ScimError.invalidValue(`An ${op} needs a "value".`);
  }
  applyToTarget(env, op, resolvePatchTarget(operation.path, env.resolver), operation.value);
}

function applyToTarget(env: OperationEnv, op: PatchOpName, target: PatchTarget, value: unknown): void {
  if (target.kind === 'extension') applyToExtension(env, op, target, value);
  else applyTargetedOperation(env, { op, target, value });
}

/** Prefixes the error's detail with the operation it came from; other errors pass unchanged. */
function inOperation(error: unknown, index: number, operation: PatchOperation): unknown {
  if (!isScimError(error)) return error;
  const what =
    operation.path === undefined ? String(operation.op) : `${String(operation.op)} "${operation.path}"`;
  return new ScimError(error.status, error.scimType, `Operations[${index}] (${what}): ${error.detail}`);
}
