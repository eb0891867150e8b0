import { ConnectorError, type RemoteObject } from '@idsync/core';
import type { LdapConfig } from '../config.js';
import type { EntryLocator } from '../directory/entry-locator.js';
import type { LdapEntry } from '../directory/ldap-entry.js';
import { allOf, atLeast, not } from '../escape/ldap-filter.js';
import type { ObjectLayout } from '../layout/object-layout.js';
import type { LdapClient } from '../ldap-client.js';
import { changeHash, type PollState } from './change-token.js';
import { formatGeneralizedTime, parseGeneralizedTime } from './generalized-time.js';

/** Changed objects and the state that resumes after them. */
export interface UpsertBatch {
  readonly objects: readonly RemoteObject[];
  readonly state: PollState;
}

/** The width (seconds) the first narrowed window tries; it adapts to the density of changes. */
const FIRST_WINDOW = 3600;

/**
 * Finds entries changed since a checkpoint by polling their timestamp (modifyTimestamp,
 * whenChanged): `(timestamp>=floor)`. Timestamps have one-second resolution, so the checkpoint
 * also remembers which changes at or after its floor were reported (id + entryCSN/uSNChanged),
 * and every poll looks `overlapSeconds` back, for writes that were still in flight when the
 * previous poll ran. Each change is reported exactly once even when many share a second.
 *
 * Memory stays bounded: when more than `maxChangesPerBatch` entries changed since the floor,
 * the poll narrows a time window (counting with size-limited searches that return no
 * attributes) and reports window after window, each as a batch with its own checkpoint.
 */
export class UpsertPoller {
  constructor(
    private readonly client: LdapClient,
    private readonly config: LdapConfig,
    private readonly locator: EntryLocator,
  ) {}

  private timeFilter(layout: ObjectLayout, from: number, until?: number): string {
    const { timestampAttribute, timestampFraction } = this.config.preset;
    const at = (seconds: number) => formatGeneralizedTime(seconds, timestampFraction);
    const parts = [layout.filter, atLeast(timestampAttribute, at(from))];
    if (until !== undefined) parts.push(not(atLeast(timestampAttribute, at(until))));
    return allOf(...parts);
  }

  /** How many entries changed in the window, counting at most to `limit + 1`. */
  private async count(layout: ObjectLayout, limit: number, from: number, until?: number): Promise<number> {
    let total = 0;
    for (const base of layout.searchBases) {
      try {
        const found = await this.client.search('count changed entries', {
          base,
          filter: this.timeFilter(layout, from, until),
          attributes: ['1.1'],
          sizeLimit: limit + 1 - total,
        });
        total += found.length;
      } catch (error) {
        if (error instanceof ConnectorError && error.remoteStatus === 4) return limit + 1; // sizeLimitExceeded
        if (!(error instanceof ConnectorError && error.code === 'not-found')) throw error;
      }
      if (total > limit) return total;
    }
    return total;
  }

  private async fetch(layout: ObjectLayout, from: number, until?: number): Promise<LdapEntry[]> {
    const entries: LdapEntry[] = [];
    for (const base of layout.searchBases) {
      const binary = this.locator.binaryAttributes;
      const pages = this.client.searchPages('read changed entries', {
        base,
        filter: this.timeFilter(layout, from, until),
        attributes: this.locator.attributesFor(layout),
        pageSize: this.config.pageSize,
        ...(binary ? { binaryAttributes: binary } : {}),
      });
      try {
        for await (const page of pages) entries.push(...page);
      } catch (error) {
        if (!(error instanceof ConnectorError && error.code === 'not-found')) throw error;
      }
    }
    return entries;
  }

  private versionOf(entry: LdapEntry): string {
    const version = entry.text(this.config.preset.versionAttribute);
    if (version !== undefined) return version;
    // No version attribute: the content itself tells two changes apart.
    return changeHash(...entry.attributeNames.sort().flatMap((name) => [name, ...entry.texts(name)]));
  }

  /** Reports what is new in a window [from, until) (open-ended without `until`). */
  private process(
    layout: ObjectLayout,
    entries: readonly LdapEntry[],
    state: PollState,
    until?: number,
  ): UpsertBatch {
    const seen = new Set(state.seen);
    const objects: RemoteObject[] = [];
    const stamped: { hash: string; time: number }[] = [];
    for (const entry of entries) {
      const object = this.locator.canonical(entry, layout);
      if (!object) continue;
      const time =
        parseGeneralizedTime(entry.text(this.config.preset.timestampAttribute) ?? '') ?? state.floor;
      const hash = changeHash(object.remoteId, this.versionOf(entry));
      stamped.push({ hash, time });
      if (!seen.has(hash)) objects.push(object);
    }
    const newest = stamped.reduce((max, { time }) => Math.max(max, time), state.floor - 1);
    const upper = until ?? newest + 1;
    const floor = Math.max(state.floor, upper - this.config.changes.overlapSeconds);
    return {
      objects,
      state: { floor, seen: stamped.filter(({ time }) => time >= floor).map(({ hash }) => hash) },
    };
  }

  /** Batches of changes since `from`, ending with one that covers everything up to now. */
  async *poll(layout: ObjectLayout, from: PollState): AsyncGenerator<UpsertBatch> {
    const limit = this.config.changes.maxChangesPerBatch;
    const narrowest = this.config.changes.overlapSeconds + 1;
    let state = from;
    let width = FIRST_WINDOW;
    for (;;) {
      const total = await this.count(layout, limit, state.floor);
      if (total <= limit) break;
      width = Math.max(width, narrowest);
      let counted = await this.count(layout, limit, state.floor, state.floor + width);
      while (counted > limit && width > narrowest) {
        width = Math.max(narrowest, Math.floor(width / 2));
        counted = await this.count(layout, limit, state.floor, state.floor + width);
      }
      const until = state.floor + width;
      // A window may only close in the past: an entry at or after its end proves the server's
      // clock has passed it. Otherwise this is the last stretch, read open-ended below.
      const endIsPast = counted < total || (await this.count(layout, 0, until)) > 0;
      if (!endIsPast) break;
      const batch = this.process(layout, await this.fetch(layout, state.floor, until), state, until);
      yield batch;
      state = batch.state;
      if (counted < limit / 4) width *= 4; // sparse: look further ahead next time
    }
    yield this.process(layout, await this.fetch(layout, state.floor), state);
  }
}
