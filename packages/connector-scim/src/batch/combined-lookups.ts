import { ConnectorError, type ObjectType, type RemoteObject } from '@idsync/core';
import { listAll } from '../read/list-resources.js';
import type { ScimTarget } from '../scim-target.js';
import { chunkClauses, joinClauses, MAX_LOOKUP_URL_LENGTH } from './lookup-chunks.js';
import { mapConcurrently } from './map-concurrently.js';

/** A batch of look-ups as the driver runs them: item by item, or several in one `or` filter. */
export interface LookupBatch {
  /** The items to look up, as indices into what the caller was asked. */
  readonly items: readonly number[];
  /** The filter clause of one item, in the target's dialect; asked only when combining. */
  clause(item: number): string;
  /** Hands over what one combined request found for `items` (which of them each object answers is the caller's to decide). */
  combined(items: readonly number[], objects: readonly RemoteObject[]): void;
  /** Looks one item up alone, recording its result. */
  single(item: number): Promise<void>;
}

/**
 * Whether look-ups of this type may be combined with `or`: the config allows more than one per
 * request, the dialect (preset) has `or`, the target has not refused a combined look-up of
 * this type before, and it filters at all.
 */
export async function mayCombine(target: ScimTarget, type: ObjectType): Promise<boolean> {
  if (target.config.lookupsPerRequest <= 1 || !target.preset.filter.or) return false;
  if (!target.combinesLookups(type)) return false;
  const discovered = await target.capabilities();
  return !(discovered.source === 'discovered' && !discovered.capabilities.filter.supported);
}

/**
 * An answer saying the target cannot take this filter as sent (400 invalidFilter or tooMany, a
 * bare 400 as AWS-like services give, 413/414 for a request too large), rather than that
 * something else went wrong: worth trying the items one by one.
 */
function refusesCombination(error: unknown): error is ConnectorError {
  return (
    error instanceof ConnectorError &&
    error.code === 'invalid' &&
    (error.remoteStatus === 400 || error.remoteStatus === 413 || error.remoteStatus === 414)
  );
}

/** The room left for the filter in a list URL of this type, paging parameters included. */
async function filterRoom(target: ScimTarget, type: ObjectType): Promise<number> {
  const pageSize = await target.pageSize();
  const bare = target.client.urlOf(target.resourcePath(type), {
    filter: '',
    startIndex: 1_000_000,
    count: pageSize,
  });
  return MAX_LOOKUP_URL_LENGTH - bare.href.length;
}

/**
 * Runs a batch of look-ups in as few requests as the target allows: chunks of at most
 * `lookupsPerRequest` clauses joined by `or`, each within the URL budget, every page of each
 * answer read. A chunk the target refuses is looked up item by item instead; when those
 * succeed, the combination was the problem, and this connector instance stops combining
 * look-ups of the type. A target that cannot combine at all gets one request per item.
 * Requests run concurrently up to `maxConcurrency` (the HTTP pool queues any beyond it).
 */
export async function runLookups(target: ScimTarget, type: ObjectType, batch: LookupBatch): Promise<void> {
  const concurrency = target.config.maxConcurrency;
  const oneByOne = (items: readonly number[]) =>
    mapConcurrently(items, concurrency, (item) => batch.single(item));
  if (batch.items.length <= 1 || !(await mayCombine(target, type))) {
    await oneByOne(batch.items);
    return;
  }
  const clauses = batch.items.map((item) => batch.clause(item));
  const chunks = chunkClauses(clauses, target.config.lookupsPerRequest, await filterRoom(target, type)).map(
    (positions) => positions.map((position) => batch.items[position]!),
  );
  await mapConcurrently(chunks, concurrency, async (chunk) => {
    if (chunk.length === 1 || !target.combinesLookups(type)) {
      await oneByOne(chunk);
      return;
    }
    let objects: RemoteObject[];
    try {
      objects = await listAll(target, type, joinClauses(chunk.map((item) => batch.clause(item))));
    } catch (error) {
      if (!refusesCombination(error)) throw error;
      await oneByOne(chunk);
      target.recordCombiningRefused(type, error.message);
      return;
    }
    batch.combined(chunk, objects);
  });
}
