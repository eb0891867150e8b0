import type { HubObject } from '../../model/hub-object.js';
import type { OutboundContext } from '../outbound-context.js';

/** A hub object to reconcile; `object` is absent when the hub object no longer exists. */
export interface HubCandidate {
  readonly hubId: string;
  readonly object?: HubObject;
}

/**
 * Stage "read" of a full run: every hub object of the type, page by page (bounded memory),
 * then every link whose hub object is gone — those objects must leave the remote store too.
 */
export async function* readAllHubCandidates(context: OutboundContext): AsyncGenerator<HubCandidate[]> {
  const { hub, links } = context.stores;
  for await (const page of hub.scan(context.objectType, { pageSize: context.pageSize })) {
    yield page.map((object) => ({ hubId: object.id, object }));
  }
  for await (const page of links.scan(context.connection.id, context.objectType, context.pageSize)) {
    const existing = await hub.existingIds(
      context.objectType,
      page.map((link) => link.hubId),
    );
    const orphans: HubCandidate[] = page
      .filter((link) => !existing.has(link.hubId))
      .map((link) => ({ hubId: link.hubId }));
    if (orphans.length) yield orphans;
  }
}

/** Where an incremental read stopped: the cursor to store once its changes are applied. */
export interface ChangeReadProgress {
  cursor: string | undefined;
  /** A change the incremental path cannot scope on its own (a group joining or leaving a group). */
  needsFullRun: string | undefined;
}

/**
 * Stage "read" of an incremental run: the hub objects named in the change feed after the
 * checkpoint, de-duplicated per page (several edits of one user become one candidate). The
 * store records a `membership` change for each user who joins or leaves a group, so rules
 * scoped by group see those users move without a full run.
 */
export async function* readChangedHubCandidates(
  context: OutboundContext,
  after: string | undefined,
  progress: ChangeReadProgress,
): AsyncGenerator<HubCandidate[]> {
  const { hub } = context.stores;
  const scopedByGroup = context.rules.some((rule) => rule.groups !== undefined);
  let cursor = after;
  for (;;) {
    const changes = await hub.changesAfter(cursor, context.pageSize);
    if (changes.length === 0) return;
    const ids = new Set<string>();
    for (const change of changes) {
      // A user joining or leaving a group is a change of that user; a nested group joining or
      // leaving moves all of its users, which only a full run sees.
      if (
        change.kind === 'membership' &&
        change.objectType === 'Group' &&
        scopedByGroup &&
        context.objectType === 'User'
      ) {
        progress.needsFullRun = `group ${change.objectId} joined or left a group, and rules are scoped by group membership`;
      }
      if (change.objectType === context.objectType) ids.add(change.objectId);
    }
    const candidates: HubCandidate[] = [];
    for (const id of ids) {
      const object = await hub.get(context.objectType, id);
      candidates.push(object ? { hubId: id, object } : { hubId: id });
    }
    cursor = changes[changes.length - 1]!.cursor;
    progress.cursor = cursor;
    if (candidates.length) yield candidates;
  }
}
