import { lastValueFrom, from, toArray } from 'rxjs';
import type { Executor } from '../../execute/executor.js';
import type { ExecutionPolicyInput } from '../../execute/execution-policy.js';
import type { OutboundContext } from '../outbound-context.js';
import { isRemoval, type PlannedOperation } from '../planned-operation.js';
import { executeOperation } from './execute-operation.js';
import { recordOutcome } from './record-outcome.js';

/** The outcome of a removal whose link no longer points at the object the plan saw. */
const SUPERSEDED = { remoteId: 'superseded' } as const;

async function runUnlessSuperseded(context: OutboundContext, operation: PlannedOperation) {
  if (isRemoval(operation) && 'remoteId' in operation) {
    const link = await context.stores.links.get(operation.connectionId, operation.objectType, operation.hubId);
    if (link?.remoteId !== operation.remoteId) return SUPERSEDED;
  }
  return executeOperation(context, operation);
}

export interface ExecutionTally {
  succeeded: number;
  failed: number;
  withheld: number;
  byOutcome: Record<string, number>;
}

/**
 * Executes a stored plan page by page through the executor (per-connection concurrency, rate
 * limit, retries with backoff and Retry-After, quarantine), recording every outcome. Removals
 * are withheld — recorded, not executed — when the guard said the source read is not trusted.
 */
export async function executePlan(
  context: OutboundContext,
  executor: Executor,
  policy: ExecutionPolicyInput,
  options: { withholdRemovals?: string; afterSequence?: number },
): Promise<ExecutionTally> {
  const tally: ExecutionTally = { succeeded: 0, failed: 0, withheld: 0, byOutcome: {} };
  const count = (key: string) => (tally.byOutcome[key] = (tally.byOutcome[key] ?? 0) + 1);
  let after = options.afterSequence ?? 0;
  for (;;) {
    const stored = await context.stores.runs.operations(context.runId, after, context.pageSize);
    if (stored.length === 0) break;
    after = stored[stored.length - 1]!.sequence;
    const links: PlannedOperation[] = [];
    const writes: PlannedOperation[] = [];
    const removals: PlannedOperation[] = [];
    for (const entry of stored) {
      const operation = entry.detail as PlannedOperation;
      if (options.withholdRemovals && isRemoval(operation)) {
        tally.withheld++;
        count(`${operation.kind}.withheld`);
        continue;
      }
      (isRemoval(operation) ? removals : operation.kind === 'link' ? links : writes).push(operation);
    }
    // Three waves per page. Links first: an update planned with a link must find it recorded.
    // Removals last, and only if the link still points where the plan saw it: a re-hire may
    // have taken the account over earlier in this run.
    for (const batch of [links, writes, removals]) {
      if (batch.length === 0) continue;
      const results = await lastValueFrom(
        executor
          .execute(context.connection.id, from(batch), (operation) => runUnlessSuperseded(context, operation), policy)
          .pipe(toArray()),
        { defaultValue: [] },
      );
      // Recorded before the next wave starts, which depends on these links.
      for (const result of results) {
        if (result.status === 'succeeded' && result.result === SUPERSEDED) {
          count(`${result.operation.kind}.superseded`);
          continue;
        }
        const operation = result.operation;
        if (result.status === 'succeeded') {
          await recordOutcome(context, operation, { ok: true, outcome: result.result });
          if (operation.kind !== 'skip' && operation.kind !== 'error') tally.succeeded++;
          else tally.failed += operation.kind === 'error' ? 1 : 0;
          count(`${operation.kind}.${operation.kind === 'error' ? 'failed' : 'succeeded'}`);
        } else {
          await recordOutcome(context, operation, { ok: false, error: result.error });
          tally.failed++;
          count(`${operation.kind}.${result.status}`);
        }
      }
    }
  }
  return tally;
}
