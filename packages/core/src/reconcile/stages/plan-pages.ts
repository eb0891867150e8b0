import type { OutboundContext } from '../outbound-context.js';
import type { PlannedOperation } from '../planned-operation.js';
import { isRemoval } from '../planned-operation.js';
import { planPage } from './plan-page.js';
import type { HubCandidate } from './read-hub-candidates.js';

/** Running totals of a plan, kept while the pages stream past (the plan itself goes to the store). */
export interface PlanTally {
  sourceObjects: number;
  operations: number;
  removals: number;
  byKind: Record<string, number>;
  /** Hub ids of the groups some rule wants on the connection (their memberships are planned next). */
  wantedGroups: Set<string>;
}

export const emptyTally = (): PlanTally => ({
  sourceObjects: 0,
  operations: 0,
  removals: 0,
  byKind: {},
  wantedGroups: new Set(),
});

/** Stores operations with the run, numbered after those already stored, and counts them. */
export async function storeOperations(
  context: OutboundContext,
  operations: readonly PlannedOperation[],
  tally: PlanTally,
): Promise<void> {
  if (operations.length === 0) return;
  await context.stores.runs.appendOperations(
    operations.map((operation, offset) => ({
      runId: context.runId,
      sequence: tally.operations + offset + 1,
      kind: operation.kind,
      objectType: operation.objectType,
      hubId: operation.hubId,
      ...('remoteId' in operation && operation.remoteId ? { remoteId: operation.remoteId } : {}),
      detail: operation,
    })),
  );
  tally.operations += operations.length;
  for (const operation of operations) {
    tally.byKind[operation.kind] = (tally.byKind[operation.kind] ?? 0) + 1;
    if (isRemoval(operation)) tally.removals++;
  }
}

/**
 * Plans candidate pages one after another (bounded memory) — each with a few batched look-ups
 * (see plan-page) — and stores each page's operations with the run before reading the next
 * page, so a plan of a million objects never sits in memory, and a crash leaves what was planned.
 */
export async function planPages(
  context: OutboundContext,
  pages: AsyncIterable<HubCandidate[]>,
  mode: 'full' | 'incremental',
  tally: PlanTally,
  concurrency: number,
): Promise<void> {
  for await (const page of pages) {
    const plans = await planPage(context, page, mode, concurrency);
    const operations: PlannedOperation[] = plans.flatMap((plan) => plan.operations);
    tally.sourceObjects += page.filter((candidate) => candidate.object).length;
    for (const plan of plans) {
      if (context.objectType === 'Group' && plan.verdicts.some((verdict) => verdict.inScope))
        tally.wantedGroups.add(plan.hubId);
    }
    await storeOperations(context, operations, tally);
  }
}
