import type { PatchOperation, ScimResource } from '@idsync/scim';
import type { SyncState } from '../model/link.js';
import type { ObjectType } from '../model/object-type.js';

/** One attribute that changes, with where the new value comes from: the "why" of an update. */
export interface AttributeChange {
  readonly path: string;
  readonly from: unknown;
  readonly to: unknown;
  /** The rule whose mapping produced the new value. */
  readonly ruleId?: string;
}

/** Why an operation is planned, in data (for `explain`) and in words (for a person). */
export interface OperationReason {
  /** The rules that want (or no longer want) the object. */
  readonly ruleIds: readonly string[];
  readonly summary: string;
  readonly changes?: readonly AttributeChange[];
}

interface OperationBase {
  readonly connectionId: string;
  readonly objectType: ObjectType;
  readonly hubId: string;
  readonly reason: OperationReason;
  /**
   * Hash of the mapped object this operation brings about; stored on the link when it
   * succeeds, so the next incremental run knows the remote side is already up to date.
   */
  readonly desiredHash?: string;
}

/**
 * Everything the engine may do on a connection. A plan (dry run) is a list of these; a real
 * run executes the same list, so what is previewed is exactly what is done.
 */
export type PlannedOperation =
  | (OperationBase & { readonly kind: 'create'; readonly resource: ScimResource })
  /**
   * Correlation found the object already on the remote side: link it (and update it if
   * needed). `takesOverFrom`: the deleted hub object whose link pointed at it (a re-hire).
   */
  | (OperationBase & {
      readonly kind: 'link';
      readonly remoteId: string;
      readonly takesOverFrom?: string;
      /** The state once linked: in sync unless an update follows (`pending`). */
      readonly state?: SyncState;
    })
  | (OperationBase & {
      readonly kind: 'update';
      readonly remoteId: string;
      /** Minimal change for connectors with PATCH. */
      readonly patch: readonly PatchOperation[];
      /** The whole desired object, for connectors that update by full replace. */
      readonly resource: ScimResource;
    })
  | (OperationBase & { readonly kind: 'disable'; readonly remoteId: string })
  | (OperationBase & { readonly kind: 'delete'; readonly remoteId: string })
  /** Forget the link and leave the remote object alone (rule deletion without deprovisioning). */
  | (OperationBase & { readonly kind: 'release'; readonly remoteId?: string })
  | (OperationBase & {
      readonly kind: 'add-members' | 'remove-members';
      readonly remoteId: string;
      readonly memberRemoteIds: readonly string[];
      readonly memberHubIds: readonly string[];
    })
  /** Nothing can be done for this object; recorded so a person sees it (e.g. ambiguous correlation). */
  | (OperationBase & { readonly kind: 'error'; readonly remoteId?: string })
  /** Already as desired remotely: only the link learns the state (no remote write). */
  | (OperationBase & { readonly kind: 'confirm'; readonly remoteId: string; readonly state: SyncState })
  /**
   * Provenance clean-up: memberships idsync once added that are no longer in the remote group
   * (removed outside idsync, or a write that never happened) stop counting as idsync's.
   */
  | (OperationBase & {
      readonly kind: 'forget-memberships';
      readonly remoteId: string;
      readonly memberHubIds: readonly string[];
    })
  /** Deliberately not done, e.g. a create that the connection does not allow. Shown in plans. */
  | (OperationBase & { readonly kind: 'skip'; readonly remoteId?: string });

export type OperationKind = PlannedOperation['kind'];

/** Operations that take something away from a remote store: what the deletion guard counts. */
export function isRemoval(operation: PlannedOperation): boolean {
  return operation.kind === 'disable' || operation.kind === 'delete';
}

/** Operations that change the remote store (as opposed to skip/error/release bookkeeping). */
export function writesRemote(operation: PlannedOperation): boolean {
  return !['skip', 'error', 'release', 'link', 'confirm', 'forget-memberships'].includes(operation.kind);
}
