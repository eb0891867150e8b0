import type { DeletionGuardSettings } from '../model/connection.js';

/** How the source read of this run went: a bad read must never lead to deprovisioning. */
export interface SourceReadOutcome {
  /** Every page was read to the end without error. */
  readonly complete: boolean;
  /** Objects the read returned. */
  readonly objectCount: number;
  /** Objects the previous complete read returned, if there was one. */
  readonly previousObjectCount?: number;
  /** Why the read was incomplete, when it was. */
  readonly failure?: string;
}

export interface GuardInput {
  readonly read: SourceReadOutcome;
  /** Disable and delete operations the plan contains. */
  readonly removals: number;
  /** Objects linked on the connection before the run. */
  readonly linkedObjects: number;
  readonly settings: DeletionGuardSettings;
  /** An operator approved this run's removals. */
  readonly approved: boolean;
}

export type GuardDecision =
  /** `approvedRunId`: the earlier run whose approval lets this one proceed. */
  | { readonly verdict: 'proceed'; readonly approvedRunId?: string }
  /** Write everything except removals: the read failed part way, so it cannot say what is gone. */
  | { readonly verdict: 'withhold-removals'; readonly reason: string }
  /** Stop before writing anything and wait for approval. */
  | { readonly verdict: 'await-approval'; readonly reason: string };

/**
 * A read that returns less than this share of the previous complete read is "suspiciously
 * empty": a directory does not lose most of its people between two runs, a broken filter or
 * an expired credential does.
 */
const SUSPICIOUS_SHRINK = 0.5;

/**
 * Safety rules 1 and 2. A failed or partial source read never deprovisions, approved or not;
 * an empty or suddenly much smaller read, and a plan that would disable or delete more than
 * the configured share or count, stop the run before it writes anything, until an operator
 * approves it (the way Entra's accidental-deletion prevention works).
 */
export function evaluateDeletionGuard(input: GuardInput): GuardDecision {
  const { read, removals, linkedObjects, settings } = input;
  if (removals === 0) return { verdict: 'proceed' };
  if (!read.complete) {
    return {
      verdict: 'withhold-removals',
      reason: `The source read did not complete (${read.failure ?? 'unknown failure'}); ${removals} removal(s) withheld.`,
    };
  }
  if (input.approved) return { verdict: 'proceed' };
  if (read.objectCount === 0) {
    return {
      verdict: 'await-approval',
      reason: `The source read returned no objects, so the plan would remove ${removals} object(s). An empty source is treated as a broken read: nothing is written until an operator approves the run.`,
    };
  }
  const previous = read.previousObjectCount;
  if (previous !== undefined && previous > 0 && read.objectCount < previous * SUSPICIOUS_SHRINK) {
    return {
      verdict: 'await-approval',
      reason:
        `The source read returned ${read.objectCount} objects, less than half of the previous ${previous}, and the plan would remove ${removals}. ` +
        'Nothing is written until an operator approves the run.',
    };
  }
  const share = linkedObjects > 0 ? removals / linkedObjects : 1;
  if (removals > settings.maxCount) {
    return {
      verdict: 'await-approval',
      reason: `The run would disable or delete ${removals} objects, more than the limit of ${settings.maxCount}. Review the plan and approve the run to continue.`,
    };
  }
  if (share > settings.maxShare && removals >= settings.minRemovalsForShare) {
    const percent = (value: number) => `${Math.round(value * 1000) / 10}%`;
    return {
      verdict: 'await-approval',
      reason: `The run would disable or delete ${removals} of ${linkedObjects} linked objects (${percent(share)}), more than the limit of ${percent(settings.maxShare)}. Review the plan and approve the run to continue.`,
    };
  }
  return { verdict: 'proceed' };
}
