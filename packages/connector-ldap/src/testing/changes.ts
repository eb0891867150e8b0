import type { ChangeBatch, Connector, ObjectType } from '@idsync/core';
import { collect } from './collect.js';

/** What one changesSince call reported: upserted and deleted ids in order, and the last token. */
export interface Polled {
  readonly batches: readonly ChangeBatch[];
  readonly upserts: readonly string[];
  readonly deletes: readonly string[];
  readonly token: string;
}

export async function poll(connector: Connector, type: ObjectType, token: string): Promise<Polled> {
  const batches = await collect(connector.changesSince!(type, token));
  const changes = batches.flatMap((batch) => batch.changes);
  return {
    batches,
    upserts: changes.flatMap((change) => (change.kind === 'upsert' ? [change.object.remoteId] : [])),
    deletes: changes.flatMap((change) => (change.kind === 'delete' ? [change.remoteId] : [])),
    token: batches.at(-1)?.token ?? token,
  };
}
