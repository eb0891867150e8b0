import type { ObjectType, RemoteObject } from '@idsync/core';
import { bound } from './bound-operation.js';
import { collectStream } from './collect-stream.js';
import type { CheckContext } from './conformance-check.js';
import { expectThat, show } from './conformance-failure.js';
import { expectNoError } from './expect-connector-error.js';
import { expectRemoteObject } from './test-objects.js';

/** What one `changesSince` call yielded, checked for shape and summarised for the checks. */
export interface CollectedChanges {
  /** The remote ids each batch touched, in order, with the batch's token. */
  readonly batches: readonly { readonly ids: ReadonlySet<string>; readonly token: string }[];
  /** The latest upsert seen per remote id. */
  readonly upserts: ReadonlyMap<string, RemoteObject>;
  readonly deletes: ReadonlySet<string>;
  /** The token of the last batch, or the starting token when there was none. */
  readonly lastToken: string;
}

export async function collectChanges(
  context: CheckContext,
  type: ObjectType,
  token: string,
): Promise<CollectedChanges> {
  const changesSince = bound(context.connector, 'changesSince');
  const what = `changesSince("${type}", ${show(token)})`;
  const emitted = await expectNoError(() => collectStream(changesSince(type, token), what), what);
  const upserts = new Map<string, RemoteObject>();
  const deletes = new Set<string>();
  const batches: { ids: Set<string>; token: string }[] = [];
  emitted.forEach((batch, index) => {
    expectThat(
      typeof batch?.token === 'string' && batch.token !== '' && Array.isArray(batch.changes),
      () =>
        `${what} emitted ${show(batch)} as batch ${index}; each batch needs a changes array and a non-empty token to resume after it.`,
    );
    const ids = new Set<string>();
    for (const change of batch.changes) {
      if (change.kind === 'upsert') {
        expectRemoteObject(change.object, type, `${what} (an upsert)`);
        upserts.set(change.object.remoteId, change.object);
        deletes.delete(change.object.remoteId);
        ids.add(change.object.remoteId);
      } else {
        expectThat(
          change.kind === 'delete' && typeof change.remoteId === 'string' && change.type === type,
          () =>
            `${what} emitted the change ${show(change)}; a change is { kind: 'upsert', object } or { kind: 'delete', type, remoteId }.`,
        );
        deletes.add(change.remoteId);
        upserts.delete(change.remoteId);
        ids.add(change.remoteId);
      }
    }
    batches.push({ ids, token: batch.token });
  });
  return { batches, upserts, deletes, lastToken: batches.at(-1)?.token ?? token };
}

/** Every id the collected changes touched. */
export function touched(changes: CollectedChanges): Set<string> {
  return new Set(changes.batches.flatMap((batch) => [...batch.ids]));
}
