import type { ScimResource } from '@idsync/scim';
import type { ObjectType } from '../model/object-type.js';

/**
 * An object as a connector reports it, already mapped to the canonical SCIM 2.0 form by the
 * connector's own `to-canonical` mapping. `remoteId` is the store's stable identity (entryUUID,
 * objectGUID, a SCIM id, a Slack user id…): renames and moves keep it. `resource.id` holds the
 * remote id too (as a SCIM store would), and group members never travel inside resources:
 * they are read and changed through the membership operations only.
 */
export interface RemoteObject {
  readonly remoteId: string;
  readonly type: ObjectType;
  readonly resource: ScimResource;
}

/** One change read from a store since a checkpoint token. */
export type RemoteChange =
  | { readonly kind: 'upsert'; readonly object: RemoteObject }
  | { readonly kind: 'delete'; readonly type: ObjectType; readonly remoteId: string };

/**
 * A batch of changes and the token to resume after it. The engine stores the token only once
 * the batch is applied, so a crash replays at most one batch (changes must be idempotent).
 */
export interface ChangeBatch {
  readonly changes: readonly RemoteChange[];
  readonly token: string;
}
