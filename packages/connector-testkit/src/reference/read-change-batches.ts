import type { ChangeBatch, ObjectType, RemoteChange } from '@idsync/core';
import { encodeChangeToken } from './change-token.js';
import type { InMemoryIdentityStore } from './in-memory-identity-store.js';
import { toCanonical } from './to-canonical.js';

/**
 * The changes of one object type after change-log position `after`, in batches of at most
 * `batchSize` objects, each with the token to resume after it.
 *
 * - The end is fixed when reading starts, so the stream completes even while writes go on;
 *   later writes come with the next call.
 * - An upsert carries the object as it is now; an object deleted since is skipped, its delete
 *   entry follows. Within one batch an object appears once, at its latest change.
 * - Entries of the other type advance the position too: when nothing of this type changed but
 *   the log moved on, one empty batch carries the newer token, so the engine's checkpoint
 *   does not fall behind and rescan the same entries on every run.
 */
export function* readChangeBatches(
  store: InMemoryIdentityStore,
  type: ObjectType,
  after: number,
  batchSize: number,
): Generator<ChangeBatch> {
  const end = store.latestChange();
  let batch = new Map<string, RemoteChange>();
  let emittedThrough = after;
  for (const entry of store.changesAfter(after, end)) {
    if (entry.type !== type) continue;
    const change = changeOf(store, entry.type, entry.remoteId, entry.kind);
    batch.delete(entry.remoteId);
    if (change) batch.set(entry.remoteId, change);
    if (batch.size >= batchSize) {
      yield { changes: [...batch.values()], token: encodeChangeToken(store.instanceId, entry.seq) };
      batch = new Map();
      emittedThrough = entry.seq;
    }
  }
  if (batch.size > 0 || end > emittedThrough) {
    yield { changes: [...batch.values()], token: encodeChangeToken(store.instanceId, end) };
  }
}

function changeOf(
  store: InMemoryIdentityStore,
  type: ObjectType,
  remoteId: string,
  kind: 'upsert' | 'delete',
): RemoteChange | undefined {
  if (kind === 'delete') return { kind: 'delete', type, remoteId };
  const record = store.get(type, remoteId);
  return record && { kind: 'upsert', object: toCanonical(record) };
}
