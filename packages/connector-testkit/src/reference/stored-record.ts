import type { ObjectType } from '@idsync/core';

/**
 * An object as the in-memory store keeps it: its "native" shape. Attributes use the SCIM names
 * (so the mapping stays short) but the record has no `schemas`, `id` or `meta`, keeps the
 * password apart (a store never hands it back) and tracks its own revision and timestamps.
 */
export interface StoredRecord {
  readonly remoteId: string;
  readonly type: ObjectType;
  /** Creation order; reads page by it, so a write during a read neither skips nor repeats objects. */
  readonly position: number;
  readonly attributes: Readonly<Record<string, unknown>>;
  /** Whether a password was set; the value itself is never kept in a form that could be read back. */
  readonly hasPassword: boolean;
  readonly revision: number;
  readonly createdAt: string;
  readonly modifiedAt: string;
}

/** Attributes to write, in the store's shape. `password` is only ever written, never read. */
export interface RecordInput {
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly password?: string;
}
