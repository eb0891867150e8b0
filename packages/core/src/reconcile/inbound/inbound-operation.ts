import type { PatchOperation, ScimResource } from '@idsync/scim';
import type { ObjectType } from '../../model/object-type.js';
import type { OperationReason } from '../planned-operation.js';

interface InboundBase {
  readonly connectionId: string;
  readonly objectType: ObjectType;
  readonly remoteId: string;
  readonly reason: OperationReason;
  /** Hash of the mapped object; stored on the link so an unchanged source object is skipped next time. */
  readonly desiredHash?: string;
}

/** What an inbound rule does to the hub for one source object. */
export type InboundOperation =
  | (InboundBase & {
      readonly kind: 'create';
      readonly populationId?: string;
      readonly resource: ScimResource;
    })
  /** The hub already has the object (found by userName or displayName): link it. */
  | (InboundBase & { readonly kind: 'link'; readonly hubId: string })
  | (InboundBase & {
      readonly kind: 'update';
      readonly hubId: string;
      readonly patch: readonly PatchOperation[];
      readonly resource: ScimResource;
    })
  | (InboundBase & { readonly kind: 'disable'; readonly hubId: string })
  | (InboundBase & { readonly kind: 'delete'; readonly hubId: string })
  | (InboundBase & { readonly kind: 'confirm'; readonly hubId: string })
  | (InboundBase & { readonly kind: 'skip' | 'error'; readonly hubId?: string });

export const isInboundRemoval = (operation: InboundOperation): boolean =>
  operation.kind === 'disable' || operation.kind === 'delete';
