import { lastValueFrom, reduce } from 'rxjs';
import type { OutboundContext } from '../outbound-context.js';

/**
 * The remote ids of a group's current members, every page, read as one paced planning read:
 * within the connection's limits and retried as a whole on a retryable failure (a retry reads
 * from the first page again, so no page is counted twice). Empty without membership support.
 */
export function readRemoteMembers(context: OutboundContext, groupRemoteId: string): Promise<string[]> {
  const { connector } = context;
  if (!connector.readMembers) return Promise.resolve([]);
  const readMembers = connector.readMembers.bind(connector);
  // Each attempt collects into a fresh array: a retry starts over from the first page.
  const collectAll = (all: string[], page: readonly string[]): string[] => {
    all.push(...page);
    return all;
  };
  return context.readRemote(() =>
    lastValueFrom(readMembers(groupRemoteId).pipe(reduce(collectAll, [] as string[])), { defaultValue: [] }),
  );
}
