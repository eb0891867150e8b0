import type { ObjectType } from '@idsync/core';
import { ReferenceStoreError } from './reference-store-error.js';

/** One write recorded by the store, in commit order. */
export interface ChangeLogEntry {
  /** Position in the log: 1, 2, 3… with no gaps, so a token is just a position. */
  readonly seq: number;
  readonly type: ObjectType;
  readonly remoteId: string;
  readonly kind: 'upsert' | 'delete';
  readonly at: string;
}

/**
 * The store's change log, like an LDAP changelog or a USN counter: every write appends an
 * entry; `compact` forgets old entries as a real store does when its log fills up, after
 * which tokens from before the compaction can no longer be resumed.
 */
export class ChangeLog {
  private entries: ChangeLogEntry[] = [];
  /** Entries up to and including this position have been compacted away. */
  private compactedThrough = 0;
  private last = 0;

  append(type: ObjectType, remoteId: string, kind: ChangeLogEntry['kind'], at: string): number {
    this.last += 1;
    this.entries.push({ seq: this.last, type, remoteId, kind, at });
    return this.last;
  }

  /** The position of the newest entry (0 while the log is empty). */
  get latest(): number {
    return this.last;
  }

  /** The oldest position one can still resume after: nothing after it has been forgotten. */
  get horizon(): number {
    return this.compactedThrough;
  }

  /**
   * Entries after `after` up to `until`, oldest first. Positions are contiguous, so each is found
   * by arithmetic. Lazy: a compaction that overtakes the reader makes the next step throw
   * `expired-token` rather than silently skip what was forgotten.
   */
  *entriesAfter(after: number, until: number = this.last): Generator<ChangeLogEntry> {
    for (let seq = after + 1; seq <= Math.min(until, this.last); seq += 1) {
      if (seq <= this.compactedThrough) {
        throw new ReferenceStoreError(
          'expired-token',
          `The change log was compacted through position ${this.compactedThrough}; changes after ${after} are no longer known. ` +
            'Run a full reconciliation and continue from latestToken().',
        );
      }
      yield this.entries[seq - this.compactedThrough - 1] as ChangeLogEntry;
    }
  }

  /** Forgets entries up to `through` (default: all of them). */
  compact(through: number = this.last): void {
    const target = Math.min(Math.max(through, this.compactedThrough), this.last);
    this.entries = this.entries.slice(target - this.compactedThrough);
    this.compactedThrough = target;
  }
}
