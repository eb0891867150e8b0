import { ConnectorError, type ObjectType } from '@idsync/core';
import {
  isScimError,
  PATCH_OP_URN,
  patchRequestToV1,
  type PatchOperation,
  type ScimResource,
  type ScimValue,
} from '@idsync/scim';
import {
  isTypedMultiValued,
  normaliseMultiValued,
  normaliseValues,
} from '../normalise/normalise-multi-valued.js';
import type { ScimTarget } from '../scim-target.js';

/**
 * Normalises the values of operations that set a whole multi-valued attribute (or several
 * attributes, path-less), the same way create and replace bodies are normalised. An `add` of
 * single values to a path cannot be checked without the current object and is sent as it is.
 */
export function normaliseOperations(operations: readonly PatchOperation[]): PatchOperation[] {
  return operations.map((operation) => {
    if (operation.op === 'remove' || operation.value === undefined) return operation;
    const path = operation.path?.trim();
    if (path === undefined || path === '') {
      const value = operation.value;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return operation;
      return { ...operation, value: normaliseMultiValued(value as ScimResource) };
    }
    if (operation.op === 'replace' && isTypedMultiValued(path) && Array.isArray(operation.value)) {
      return { ...operation, value: normaliseValues(path.toLowerCase(), operation.value as ScimValue[]) };
    }
    return operation;
  });
}

function v1Body(
  operations: readonly PatchOperation[],
  current: ScimResource | undefined,
): { body: ScimResource } | { needsCurrent: true } {
  try {
    return { body: patchRequestToV1(operations, current ? { currentResource: current } : {}) };
  } catch (error) {
    if (!isScimError(error)) throw error;
    // Without the current object, 1.1 cannot resolve value filters: fetch it and try again.
    if (current === undefined && error.scimType === 'invalidPath') return { needsCurrent: true };
    throw new ConnectorError(
      'unsupported',
      `This change cannot be sent to a SCIM 1.1 target as a PATCH: ${error.detail}`,
    );
  }
}

/**
 * Sends PATCH operations to one object: a PatchOp message to a 2.0 target; to a 1.1 target the
 * equivalent partial resource (`patchRequestToV1`), reading the object first when a value
 * filter can only be resolved against its current values — that read's version then goes out
 * as If-Match, so a concurrent change is not overwritten. A 204 or a resource in answer are
 * both success.
 */
export async function sendPatch(
  target: ScimTarget,
  type: ObjectType,
  remoteId: string,
  operations: readonly PatchOperation[],
): Promise<void> {
  if (operations.length === 0) return;
  const path = target.objectPath(type, remoteId);
  if (target.config.version === '2.0') {
    await target.client.request('PATCH', path, { body: { schemas: [PATCH_OP_URN], Operations: operations } });
    return;
  }
  const first = v1Body(operations, undefined);
  if ('body' in first) {
    await target.client.request('PATCH', path, { body: first.body });
    return;
  }
  const response = await target.client.request('GET', path);
  const current = target.decodeWithMembers(type, response.body).resource;
  const second = v1Body(operations, current);
  if (!('body' in second))
    throw new ConnectorError('unsupported', 'This change cannot be sent to a SCIM 1.1 target as a PATCH.');
  const ifMatch = await target.ifMatchFor(response.etag, current);
  await target.client.request('PATCH', path, { body: second.body, ...(ifMatch ? { ifMatch } : {}) });
}
