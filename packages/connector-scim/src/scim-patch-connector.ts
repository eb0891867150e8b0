import type { ObjectType, PatchUpdateOp, UpdateOutcome } from '@idsync/core';
import type { PatchOperation } from '@idsync/scim';
import { ScimConnector } from './scim-connector.js';
import { patchResource } from './update/update-resource.js';

/**
 * The SCIM connector for a target that takes PATCH (RFC 7644 §3.5.2, or the SCIM 1.1 partial
 * update): everything {@link ScimConnector} does, plus minimal updates by PATCH.
 */
export class ScimPatchConnector extends ScimConnector implements PatchUpdateOp {
  async patch(
    type: ObjectType,
    remoteId: string,
    operations: readonly PatchOperation[],
  ): Promise<UpdateOutcome> {
    await patchResource(this.target, type, remoteId, operations);
    return this.outcomeFor(type, remoteId);
  }
}
