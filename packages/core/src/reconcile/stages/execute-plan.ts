import { lastValueFrom, tap, toArray } from 'rxjs';
import type { Executor } from '../../execute/executor.js';
import { resolveExecutionPolicy, type ExecutionPolicyInput } from '../../execute/execution-policy.js';
import type { OutboundContext } from '../outbound-context.js';
import { isRemoval, type PlannedOperation } from '../planned-operation.js';
import { executeOperation } from './execute-operation.js';
import { PacedFeed } from './paced-feed.js';
import { recordCreateIntents, withdrawCreateIntents } from './record-create-intents.js';
import { recordOutcomes, type OperationResult } from './record-outcome.js';

/** The outcome of a removal whose link no longer points at the object the plan saw. */
const SUPERSEDED = { remoteId: 'superseded' } as const;
/** The outcome of an operation the executor reached after the run was asked to stop: nothing was written. */
const NOT_STARTED = { remoteId: 'not-started' } as const;

/**
 * The remote ids the links of a wave's removals point at now, read in one batch when the wave
 * starts (after the earlier waves of the page are recorded).
 */
async function currentRemoteIds(
  context: OutboundContext,
  removals: readonly PlannedOperation[],
): Promise<Map<string, string | undefined>> {
  const found = await context.stores.links.getMany(
    context.connection.id,
    context.objectType,
    removals.map((operation) => operation.hubId),
  );
  return new Map(removals.map((operation) => [operation.hubId, found.get(operation.hubId)?.remoteId]));
}

export interface ExecutionTally {
  succeeded: number;
  failed: number;
  withheld: number;
  byOutcome: Record<string, number>;
  /** Operations that reached an outcome (including withheld and superseded ones), by kind. */
  processedByKind: Record<string, number>;
  /** True when the signal stopped the execution before the end of the plan. */
  stopped: boolean;
}

export interface ExecutePlanOptions {
  /** Set when the guard does not trust the read: removals are recorded as withheld, not run. */
  readonly withholdRemovals?: string;
  /** Start after this stored sequence (the membership pass follows the objects' pass). */
  readonly afterSequence?: number;
  /**
   * Stops the execution: no operation starts after it aborts, the ones in flight finish and
   * their outcomes are recorded. A retry counts as a new start.
   */
  readonly signal?: AbortSignal;
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
  options: ExecutePlanOptions,
): Promise<ExecutionTally> {
  const { signal } = options;
  const tally: ExecutionTally = {
    succeeded: 0,
    failed: 0,
    withheld: 0,
    byOutcome: {},
    processedByKind: {},
    stopped: false,
  };
  const count = (key: string) => (tally.byOutcome[key] = (tally.byOutcome[key] ?? 0) + 1);
  const processed = (operation: PlannedOperation) =>
    (tally.processedByKind[operation.kind] = (tally.processedByKind[operation.kind] ?? 0) + 1);
  const window = resolveExecutionPolicy(policy).maxConcurrency;
  let after = options.afterSequence ?? 0;
  let left = false;
  for (;;) {
    if (signal?.aborted) {
      // Stopped between pages: only a page still to come means work was left undone.
      left ||= (await context.stores.runs.operations(context.runId, after, 1)).length > 0;
      break;
    }
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
        processed(operation);
        continue;
      }
      (isRemoval(operation) ? removals : operation.kind === 'link' ? links : writes).push(operation);
    }
    // Three waves per page. Links first: an update planned with a link must find it recorded.
    // Removals last, and only if the link still points where the plan saw it: a re-hire may
    // have taken the account over earlier in this run.
    for (const batch of [links, writes, removals]) {
      if (batch.length === 0) continue;
      if (signal?.aborted) {
        left = true;
        continue;
      }
      const isRemovalWave = batch === removals;
      const linkedNow = isRemovalWave ? await currentRemoteIds(context, batch) : undefined;
      const beforeIntents = batch === writes ? await recordCreateIntents(context, batch) : new Map();
      const attempts = new Map<PlannedOperation, number>();
      const runOne = (operation: PlannedOperation) => {
        if (signal?.aborted) return Promise.resolve(NOT_STARTED);
        // A removal runs only if the link still points where the plan saw it.
        if (linkedNow && 'remoteId' in operation && linkedNow.get(operation.hubId) !== operation.remoteId) {
          return Promise.resolve(SUPERSEDED);
        }
        const attempt = (attempts.get(operation) ?? 0) + 1;
        attempts.set(operation, attempt);
        return executeOperation(context, operation, attempt);
      };
      const feed = new PacedFeed(batch, window, signal);
      const results = await lastValueFrom(
        executor.execute(context.connection.id, feed.items$, runOne, policy).pipe(
          tap(() => feed.finished()),
          toArray(),
        ),
        { defaultValue: [] },
      );
      if (feed.notHandedOut > 0) left = true;
      // Recorded, in one batch, before the next wave starts, which depends on these links.
      const outcomes: OperationResult[] = [];
      for (const result of results.sort((a, b) => a.index - b.index)) {
        if (result.status === 'succeeded' && result.result === NOT_STARTED) {
          left = true;
          continue;
        }
        processed(result.operation);
        if (result.status === 'succeeded' && result.result === SUPERSEDED) {
          count(`${result.operation.kind}.superseded`);
          continue;
        }
        const operation = result.operation;
        if (result.status === 'succeeded') {
          outcomes.push({ operation, result: { ok: true, outcome: result.result } });
          if (operation.kind !== 'skip' && operation.kind !== 'error') tally.succeeded++;
          else tally.failed += operation.kind === 'error' ? 1 : 0;
          count(`${operation.kind}.${operation.kind === 'error' ? 'failed' : 'succeeded'}`);
        } else {
          outcomes.push({ operation, result: { ok: false, error: result.error } });
          tally.failed++;
          count(`${operation.kind}.${result.status}`);
        }
      }
      await recordOutcomes(context, outcomes);
      if (signal?.aborted && batch === writes) {
        const neverStarted = batch.filter(
          (operation) => operation.kind === 'create' && !attempts.has(operation),
        );
        await withdrawCreateIntents(
          context,
          neverStarted.map((operation) => operation.hubId),
          beforeIntents,
        );
      }
    }
  }
  tally.stopped = left;
  return tally;
}
