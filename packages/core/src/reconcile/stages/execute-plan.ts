import { lastValueFrom, from, toArray } from 'rxjs';
import type { Executor } from '../../execute/executor.js';
import type { ExecutionPolicyInput } from '../../execute/execution-policy.js';
import type { OutboundContext } from '../outbound-context.js';
import { isRemoval, type PlannedOperation } from '../planned-operation.js';
import { executeOperation } from './execute-operation.js';
import { recordOutcome } from './record-outcome.js';

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
    const page: PlannedOperation[] = [];
    for (const entry of stored) {
      const operation = entry.detail as PlannedOperation;
      if (options.withholdRemovals && isRemoval(operation)) {
        tally.withheld++;
        count(`${operation.kind}.withheld`);
        continue;
      }
      page.push(operation);
    }
    const results = await lastValueFrom(
      executor.execute(context.connection.id, from(page), (operation) => executeOperation(context, operation), policy).pipe(toArray()),
      { defaultValue: [] },
    );
    for (const result of results) {
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
  return tally;
}
