import type { FilterNode } from '@idsync/scim';
import { from, lastValueFrom, mergeMap, toArray } from 'rxjs';
import type { Link } from '../../model/link.js';
import { buildCorrelationFilter } from '../build-correlation-filter.js';
import type { OutboundContext } from '../outbound-context.js';
import {
  planCandidate,
  trustsLastApplied,
  type CandidatePlan,
  type PrefetchedRemote,
} from './plan-candidate.js';
import { findCorrelationMatches, readLinkedObjects, type LookupResult } from './prefetch-remote.js';
import { prepareCandidate, type PreparedCandidate } from './prepare-candidate.js';
import type { HubCandidate } from './read-hub-candidates.js';

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** `work` over every item, at most `concurrency` at once, results in input order. */
async function mapInOrder<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const done = await lastValueFrom(
    from(items.map((item, index) => ({ item, index }))).pipe(
      mergeMap(async ({ item, index }) => ({ index, result: await work(item) }), concurrency),
      toArray(),
    ),
    { defaultValue: [] },
  );
  return done.sort((a, b) => a.index - b.index).map(({ result }) => result);
}

/**
 * Plans one page of candidates with a handful of look-ups rather than one or two per object:
 * scope and map every candidate (hub side) → the page's links in one store read → the linked
 * objects in one remote read (`getMany`) → the objects still to find, unlinked or whose
 * linked object is gone, in one remote read (`findEach`) → plan each candidate from what was
 * read. Connectors without the batch operations get one paced `get` / `find` per object.
 */
export async function planPage(
  context: OutboundContext,
  page: readonly HubCandidate[],
  mode: 'full' | 'incremental',
  concurrency: number,
): Promise<CandidatePlan[]> {
  const { connection, objectType } = context;
  const prepared = await mapInOrder(page, concurrency, (candidate) => prepareCandidate(context, candidate));
  const plannable = prepared.filter((each) => !each.failure);
  const stored = await context.stores.links.getMany(
    connection.id,
    objectType,
    plannable.map((each) => each.candidate.hubId),
  );
  // A link without a remote id is a create that never confirmed: the object is looked for again.
  const linkOf = (each: PreparedCandidate): Link | undefined => {
    const link = stored.get(each.candidate.hubId);
    return link?.remoteId ? link : undefined;
  };

  const toRead = new Map<string, string>();
  for (const each of plannable) {
    const link = linkOf(each);
    if (link && !trustsLastApplied(context, each, link, mode))
      toRead.set(each.candidate.hubId, link.remoteId!);
  }
  const linked = await readLinkedObjects(context, toRead);

  const filters = correlationFilters(context, plannable, (each) => {
    if (!linkOf(each)) return true;
    const read = linked.get(each.candidate.hubId);
    return read?.ok === true && read.value === undefined;
  });
  const nodes = new Map<string, FilterNode>();
  for (const [hubId, filter] of filters) if (filter.ok) nodes.set(hubId, filter.value.node);
  const matches = await findCorrelationMatches(context, nodes);

  return mapInOrder(prepared, concurrency, (each) => {
    const hubId = each.candidate.hubId;
    const link = linkOf(each);
    const read = linked.get(hubId);
    const filter = filters.get(hubId);
    const fetched: PrefetchedRemote = {
      ...(link ? { link } : {}),
      ...(read ? { linked: read } : {}),
      ...(filter
        ? {
            correlation: filter.ok
              ? { filter: filter.value.text, matches: matches.get(hubId)! }
              : { filter: '', matches: filter },
          }
        : {}),
    };
    return planCandidate(context, each, fetched, mode);
  });
}

/**
 * The correlation filter of every wanted candidate that needs looking for, keyed by hub id.
 * Candidates without an identifier have none (they cannot be correlated; planning says so).
 */
function correlationFilters(
  context: OutboundContext,
  candidates: readonly PreparedCandidate[],
  needsLooking: (candidate: PreparedCandidate) => boolean,
): Map<string, LookupResult<{ readonly text: string; readonly node: FilterNode }>> {
  const { template, readIdentifier } = context.correlation;
  const filters = new Map<string, LookupResult<{ readonly text: string; readonly node: FilterNode }>>();
  for (const each of candidates) {
    if (!each.desired || !needsLooking(each)) continue;
    try {
      const filter = buildCorrelationFilter(
        { userFilterExpression: template },
        each.desired.onUpdate,
        readIdentifier,
        each.candidate.object?.resource,
      );
      if (filter) filters.set(each.candidate.hubId, { ok: true, value: filter });
    } catch (error) {
      filters.set(each.candidate.hubId, {
        ok: false,
        error: `Building the correlation filter failed: ${describe(error)}`,
      });
    }
  }
  return filters;
}
