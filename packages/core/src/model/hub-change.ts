import type { ObjectType } from './object-type.js';

/**
 * One entry of the hub's change feed: the store appends one for every write to a hub object,
 * in commit order, so outbound rules can follow the hub in near real time and resume from a
 * cursor after a restart.
 */
export interface HubChange {
  /** Monotonic position in the feed; resume with `after: cursor`. */
  readonly cursor: string;
  readonly objectType: ObjectType;
  readonly objectId: string;
  readonly kind: 'upsert' | 'delete' | 'membership';
  readonly at: string;
}
