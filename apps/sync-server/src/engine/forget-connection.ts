import type { EngineStores, ObjectType } from '@idsync/core';

const TYPES: readonly ObjectType[] = ['User', 'Group'];
const DIRECTIONS = ['inbound', 'outbound'] as const;
const PAGE = 500;

/** What deleting a connection removed from the store. */
export interface ForgottenState {
  readonly linksRemoved: number;
  readonly checkpointsRemoved: number;
}

/**
 * Removes what the engine keeps about a connection — its links (and the memberships idsync
 * recorded as its own in the connection's groups) and its checkpoints — through the store's
 * ports. Remote objects are not touched: they stay in the connection's store as they are.
 * Runs and the audit log are history and stay.
 */
export async function forgetConnection(stores: EngineStores, connectionId: string): Promise<ForgottenState> {
  let linksRemoved = 0;
  for (const type of TYPES) {
    // Always the first page: each pass releases what it read, so the next one starts afresh.
    for (;;) {
      const page = await firstPage(stores.links.scan(connectionId, type, PAGE));
      if (page.length === 0) break;
      for (const link of page) {
        if (type === 'Group') {
          const members = await stores.links.createdMemberships(connectionId, link.hubId);
          if (members.length) await stores.links.forgetMemberships(connectionId, link.hubId, members);
        }
        await stores.links.release(connectionId, type, link.hubId);
        linksRemoved++;
      }
    }
  }
  let checkpointsRemoved = 0;
  for (const type of TYPES) {
    for (const direction of DIRECTIONS) {
      if (!(await stores.checkpoints.get(connectionId, type, direction))) continue;
      await stores.checkpoints.delete(connectionId, type, direction);
      checkpointsRemoved++;
    }
  }
  return { linksRemoved, checkpointsRemoved };
}

async function firstPage<T>(pages: AsyncIterable<readonly T[]>): Promise<readonly T[]> {
  for await (const page of pages) return page;
  return [];
}
