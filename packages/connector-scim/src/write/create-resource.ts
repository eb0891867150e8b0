import { ConnectorError, type ObjectType, type RemoteObject } from '@idsync/core';
import type { ScimResource } from '@idsync/scim';
import type { ScimTarget } from '../scim-target.js';

/**
 * POSTs a new object and returns it as the target now holds it. The body is checked and shaped
 * first (`fromCanonical`), so a resource the target is known to refuse fails without a request.
 */
export async function createResource(
  target: ScimTarget,
  type: ObjectType,
  resource: ScimResource,
): Promise<RemoteObject> {
  const body = target.encode(type, resource);
  const path = target.resourcePath(type);
  const response = await target.client.request('POST', path, { body });
  if (response.body === null || typeof response.body !== 'object') {
    throw new ConnectorError(
      'invalid',
      `POST ${path}: the target answered ${response.status} without the created ${type}; RFC 7644 §3.3 requires it in the answer.`,
    );
  }
  return target.decode(type, response.body);
}

/** DELETE; a missing object is `not-found`. */
export async function deleteResource(target: ScimTarget, type: ObjectType, remoteId: string): Promise<void> {
  await target.client.request('DELETE', target.objectPath(type, remoteId));
}
