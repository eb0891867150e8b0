import type { Link, SyncState } from '../../model/link.js';
import type { OutboundContext } from '../outbound-context.js';
import type { HubCandidate } from './read-hub-candidates.js';

/** The first retry of a failed object waits a minute; each further failure doubles the wait. */
const FIRST_RETRY_MS = 60_000;
/** However often it failed, an object is tried again at least once an hour. */
const LONGEST_RETRY_MS = 60 * 60_000;

/** How long after its last failure an object is tried again by incremental runs. */
export function retryDelayMs(attempts: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

function isDue(link: Link, nowMs: number): boolean {
  if (link.state === 'pending') return true;
  return Date.parse(link.updatedAt) + retryDelayMs(link.attempts) <= nowMs;
}

/** The link states an incremental run comes back to on its own: work left unfinished. */
const UNFINISHED: readonly SyncState[] = ['pending', 'failed', 'failed-deprovision'];

/**
 * The candidates of an incremental run: the objects the hub change feed names, then the
 * objects whose links say the work is unfinished and that the feed did not name —
 *
 * - `pending`: a group waiting for members provisioned after it, a create whose answer never
 *   came back (a crash, a stopped run), a link made by correlation and not yet confirmed;
 * - `failed` / `failed-deprovision`: a write that failed after its retries, tried again with
 *   a backoff by attempts (1 min, 2, 4 … at most an hour), so a permanent error (a value the
 *   target refuses) does not hammer the target on every near-real-time run.
 *
 * Without this, an object that failed once would wait for the next full run, however long
 * its hub side stays unchanged. Each is planned like any candidate: scope, diff, memberships.
 */
export async function* withUnfinishedLinks(
  context: OutboundContext,
  changed: AsyncIterable<HubCandidate[]>,
): AsyncGenerator<HubCandidate[]> {
  const seen = new Set<string>();
  for await (const page of changed) {
    for (const candidate of page) seen.add(candidate.hubId);
    yield page;
  }
  const nowMs = Date.parse(context.now());
  const { hub, links } = context.stores;
  for (const state of UNFINISHED) {
    for await (const page of links.scanByState(
      context.connection.id,
      context.objectType,
      state,
      context.pageSize,
    )) {
      const candidates: HubCandidate[] = [];
      for (const link of page) {
        if (seen.has(link.hubId) || !isDue(link, nowMs)) continue;
        seen.add(link.hubId);
        const object = await hub.get(context.objectType, link.hubId);
        candidates.push(object ? { hubId: link.hubId, object } : { hubId: link.hubId });
      }
      if (candidates.length) yield candidates;
    }
  }
}
