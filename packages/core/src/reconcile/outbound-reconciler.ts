import type { SchemaRegistry } from '@idsync/scim';
import { executeOne } from '../execute/execute-one.js';
import { Executor } from '../execute/executor.js';
import type { Connection } from '../model/connection.js';
import type { ObjectType } from '../model/object-type.js';
import type { ProvisioningRule } from '../model/provisioning-rule.js';
import type { Checkpoint } from '../ports/checkpoint-store.js';
import type { RunRecord } from '../ports/run-store.js';
import { compileRule } from '../rules/compiled-rule.js';
import { capabilitiesOf } from '../spi/capabilities-of.js';
import type { ConnectorManifest } from '../spi/connector-manifest.js';
import type { Connector } from '../spi/connector-operations.js';
import { compileCorrelation } from './build-correlation-filter.js';
import { executionPolicyOf } from './execution-policy-of.js';
import { explainObject, type ObjectExplanation } from './explain-object.js';
import { evaluateDeletionGuard, type GuardDecision, type SourceReadOutcome } from './deletion-guard.js';
import type { EngineStores, OutboundContext } from './outbound-context.js';
import { startRun, type RunHandle, type RunSummary } from './run-recorder.js';
import { executePlan } from './stages/execute-plan.js';
import { planGroupMemberships } from './stages/plan-memberships.js';
import { emptyTally, planPages, storeOperations, type PlanTally } from './stages/plan-pages.js';
import { planRuleDeletionFor } from './stages/plan-rule-deletion.js';
import {
  readAllHubCandidates,
  readChangedHubCandidates,
  type ChangeReadProgress,
} from './stages/read-hub-candidates.js';
import { withUnfinishedLinks } from './stages/unfinished-links.js';
import { abortReason, stopWhenAborted } from './stop-when-aborted.js';

/** A connection with its connector instance: what every run works against. */
export interface ConnectionTarget {
  readonly connection: Connection;
  readonly connector: Connector;
  readonly manifest: ConnectorManifest;
}

export interface OutboundRunRequest extends ConnectionTarget {
  /** All configured rules; the reconciler picks the enabled outbound ones of this connection. */
  readonly rules: readonly ProvisioningRule[];
  readonly objectType: ObjectType;
  readonly mode: 'full' | 'incremental';
  /** Plan only: every stage up to and including the guard, then stop before execute. */
  readonly dryRun?: boolean;
  /**
   * Stops the run: planning reads no further page, execution starts no new operation (those in
   * flight finish and are recorded), the checkpoint stays where it was, and the run is
   * finished as `cancelled` with the reason.
   */
  readonly signal?: AbortSignal;
}

export interface RuleDeletionRequest extends ConnectionTarget {
  /** The rule being deleted (it must no longer be among the configured rules afterwards). */
  readonly rule: ProvisioningRule;
  readonly dryRun?: boolean;
  /** Stops the deletion as it stops a run (see {@link OutboundRunRequest.signal}); the rule is then not deleted. */
  readonly signal?: AbortSignal;
}

export interface ExplainRequest extends ConnectionTarget {
  readonly rules: readonly ProvisioningRule[];
  readonly objectType: ObjectType;
  readonly hubId: string;
}

export interface OutboundReconcilerOptions {
  readonly stores: EngineStores;
  readonly registry: SchemaRegistry;
  readonly executor?: Executor;
  /** Objects read, planned and executed per page. */
  readonly pageSize?: number;
  /** Objects of a page scoped, mapped and planned at once (hub-side work; remote reads are batched per page). */
  readonly planConcurrency?: number;
  readonly now?: () => Date;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const PROCEED: GuardDecision = { verdict: 'proceed' };
/** How long an approval of removals stays good. */
const APPROVAL_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * The outbound engine: hub → connection. A run is read → scope → map → prefetch (a page's
 * links and remote objects in a few batched reads, paced and retried by the executor like any
 * write) → correlate → diff → plan → guard → execute → record; a dry run is the same code path stopping after the guard,
 * so a plan shows exactly what a run would do. Rule deletion goes through the same guard.
 */
export class OutboundReconciler {
  private readonly executor: Executor;

  constructor(private readonly options: OutboundReconcilerOptions) {
    this.executor = options.executor ?? new Executor();
  }

  private now = (): string => (this.options.now?.() ?? new Date()).toISOString();

  async run(request: OutboundRunRequest): Promise<RunSummary> {
    const { stores } = this.options;
    const { connection, objectType } = request;
    const checkpoint = await stores.checkpoints.get(connection.id, objectType, 'outbound');
    const mode = request.mode === 'incremental' && checkpoint?.token === undefined ? 'full' : request.mode;
    const run = await this.startRun(connection.id, request.dryRun ? 'plan' : mode, mode);
    try {
      return await this.runOnce(request, run, mode, checkpoint);
    } catch (error) {
      // Whatever went wrong, the run is closed with the reason, never left "running".
      return run.finish('failed', {}, PROCEED, `The run stopped on an unexpected error: ${describe(error)}`);
    }
  }

  private async runOnce(
    request: OutboundRunRequest,
    run: RunHandle,
    mode: 'full' | 'incremental',
    checkpoint: Checkpoint | undefined,
  ): Promise<RunSummary> {
    const { stores } = this.options;
    const { connection, objectType } = request;
    let context: OutboundContext;
    try {
      const rules = request.rules
        .filter(
          (r) =>
            r.direction === 'outbound' &&
            r.connectionId === connection.id &&
            r.objectType === objectType &&
            r.enabled,
        )
        .map((rule) => compileRule(rule, this.options.registry));
      context = this.createContext(
        run.id,
        request,
        objectType,
        rules,
        outboundRuleIds(request.rules, connection.id),
      );
    } catch (error) {
      return run.finish(
        'failed',
        {},
        PROCEED,
        `The rules of connection "${connection.name}" are invalid: ${describe(error)}`,
      );
    }

    // read → plan (stored with the run, page by page)
    const tally = emptyTally();
    const startCursor = mode === 'full' ? await stores.hub.latestChangeCursor() : undefined;
    const progress: ChangeReadProgress = { cursor: checkpoint?.token, needsFullRun: undefined };
    let readFailure: string | undefined;
    try {
      // An incremental run also comes back to unfinished work: groups waiting for late members,
      // creates whose answer was lost, failed writes whose retry is due.
      const pages =
        mode === 'full'
          ? readAllHubCandidates(context)
          : withUnfinishedLinks(context, readChangedHubCandidates(context, checkpoint?.token, progress));
      await planPages(
        context,
        stopWhenAborted(pages, request.signal),
        mode,
        tally,
        this.options.planConcurrency ?? 8,
      );
    } catch (error) {
      readFailure = describe(error);
    }
    if (request.signal?.aborted) return this.stoppedBeforeExecution(run, countsOf(tally), request.signal);
    if (mode === 'incremental' && progress.needsFullRun && !readFailure) {
      await run.finish('cancelled', {}, PROCEED, `Replaced by a full run: ${progress.needsFullRun}.`);
      return this.run({ ...request, mode: 'full' });
    }
    const counts = countsOf(tally);
    if (readFailure && tally.operations === 0)
      return run.finish('failed', counts, PROCEED, `Reading the hub failed: ${readFailure}`);

    const read: SourceReadOutcome = {
      complete: readFailure === undefined,
      // An incremental read sees only changes: its size says nothing about the directory's.
      objectCount: mode === 'full' ? tally.sourceObjects : Number.MAX_SAFE_INTEGER,
      ...(mode === 'full' ? { previousObjectCount: await this.previousSourceCount(connection.id) } : {}),
      ...(readFailure ? { failure: readFailure } : {}),
    };
    const guard = await this.guard(connection, read, tally.removals);
    if (request.dryRun) {
      if (objectType === 'Group') await this.planMemberships(context, tally, counts);
      return run.finish('succeeded', counts, guard, guard.verdict === 'proceed' ? undefined : guard.reason);
    }
    if (guard.verdict === 'await-approval')
      return run.finish('awaiting-approval', counts, guard, guard.reason);

    // execute → record
    const { failed, stopped } = await this.execute(context, tally, counts, guard, request.signal);
    // Stopped part way: the checkpoint stays behind the unfinished work and an approval stays usable.
    if (stopped) return this.stopped(run, tally, counts, guard, request.signal!);
    await this.consumeApproval(guard, run.id);

    // checkpoint: a full run covers every change up to its start; an incremental one up to what it read
    if (!readFailure) {
      const token = mode === 'full' ? startCursor : progress.cursor;
      const lastFull = mode === 'full' ? this.now() : checkpoint?.lastFullReconciliationAt;
      await stores.checkpoints.put({
        connectionId: connection.id,
        objectType,
        direction: 'outbound',
        ...(token !== undefined ? { token } : {}),
        ...(lastFull ? { lastFullReconciliationAt: lastFull } : {}),
        updatedAt: this.now(),
      });
    }
    const withheld = guard.verdict === 'withhold-removals';
    const status: RunRecord['status'] = readFailure || failed > 0 || withheld ? 'partial' : 'succeeded';
    const reason = readFailure
      ? `Reading the hub failed part way: ${readFailure}`
      : withheld
        ? guard.reason
        : failed > 0
          ? `${failed} operation(s) failed; see the sync status of the objects.`
          : undefined;
    return run.finish(status, counts, guard, reason);
  }

  /**
   * Deleting a rule: objects only that rule provisioned are deprovisioned (per the remove
   * action) when the connection says "deprovision on rule deletion", or released otherwise;
   * objects other rules still want only lose the rule from their provenance.
   */
  async deleteRule(request: RuleDeletionRequest): Promise<RunSummary> {
    const { connection } = request;
    const run = await this.startRun(
      connection.id,
      request.dryRun ? 'plan' : 'rule-deletion',
      'rule-deletion',
    );
    try {
      return await this.deleteRuleOnce(request, run);
    } catch (error) {
      return run.finish(
        'failed',
        {},
        PROCEED,
        `The rule deletion stopped on an unexpected error: ${describe(error)}`,
      );
    }
  }

  private async deleteRuleOnce(request: RuleDeletionRequest, run: RunHandle): Promise<RunSummary> {
    const { connection, rule } = request;
    const context = this.createContext(run.id, request, rule.objectType, [], new Set([rule.id]));
    const tally = emptyTally();
    for await (const links of stopWhenAborted(
      this.options.stores.links.scanByRule(rule.id, context.pageSize),
      request.signal,
    )) {
      const operations = [];
      for (const link of links) {
        if (link.connectionId === connection.id)
          operations.push(...(await planRuleDeletionFor(context, rule, link)));
      }
      await storeOperations(context, operations, tally);
    }
    const counts = countsOf(tally);
    if (request.signal?.aborted) return this.stoppedBeforeExecution(run, counts, request.signal);
    const guard = await this.guard(
      connection,
      { complete: true, objectCount: Number.MAX_SAFE_INTEGER },
      tally.removals,
    );
    if (request.dryRun)
      return run.finish('succeeded', counts, guard, guard.verdict === 'proceed' ? undefined : guard.reason);
    if (guard.verdict === 'await-approval')
      return run.finish('awaiting-approval', counts, guard, guard.reason);
    const { failed, stopped } = await this.execute(context, tally, counts, guard, request.signal);
    if (stopped) return this.stopped(run, tally, counts, guard, request.signal!);
    await this.consumeApproval(guard, run.id);
    return run.finish(
      failed > 0 ? 'partial' : 'succeeded',
      counts,
      guard,
      failed > 0 ? `${failed} operation(s) failed.` : undefined,
    );
  }

  /** Why an object is or is not on a connection, where its values come from, and what a sync would do. */
  async explain(request: ExplainRequest): Promise<ObjectExplanation> {
    const rules = request.rules
      .filter(
        (r) =>
          r.direction === 'outbound' &&
          r.connectionId === request.connection.id &&
          r.objectType === request.objectType,
      )
      .map((rule) => compileRule(rule, this.options.registry));
    const owned = outboundRuleIds(request.rules, request.connection.id);
    return explainObject(
      this.createContext('explain', request, request.objectType, rules, owned),
      request.hubId,
    );
  }

  private startRun(
    connectionId: string,
    kind: RunRecord['kind'],
    mode: RunSummary['mode'],
  ): Promise<RunHandle> {
    return startRun(this.options.stores.runs, connectionId, kind, mode, this.now);
  }

  private createContext(
    runId: string,
    target: ConnectionTarget,
    objectType: ObjectType,
    rules: OutboundContext['rules'],
    ownedRuleIds: ReadonlySet<string>,
  ): OutboundContext {
    const policy = executionPolicyOf(target.connection);
    return {
      runId,
      connection: target.connection,
      connector: target.connector,
      implemented: capabilitiesOf(target.connector),
      declared: target.manifest.capabilities,
      objectType,
      rules,
      ownedRuleIds,
      registry: this.options.registry,
      // Checked here, when the rules are compiled: a broken expression fails the run before it reads anything.
      correlation: compileCorrelation(target.connection, objectType, rules, this.options.registry),
      stores: this.options.stores,
      pageSize: this.options.pageSize ?? 500,
      readRemote: (read) => executeOne(this.executor, target.connection.id, () => read(), policy),
      now: this.now,
    };
  }

  private async guard(
    connection: Connection,
    read: SourceReadOutcome,
    removals: number,
  ): Promise<GuardDecision> {
    // Nothing to guard: no store reads (counting a million links on every near-real-time run
    // was most of its latency).
    if (removals === 0) return PROCEED;
    const linked = await this.options.stores.links.countByState(connection.id);
    const approvedRun = await this.approvedRun(connection.id, removals);
    const decision = evaluateDeletionGuard({
      read,
      removals,
      linkedObjects: Object.values(linked).reduce((a, b) => a + b, 0),
      settings: connection.deletionGuard,
      approved: approvedRun !== undefined,
    });
    return approvedRun && decision.verdict === 'proceed'
      ? { ...decision, approvedRunId: approvedRun }
      : decision;
  }

  /** An approval is used once: the run that waited for it is closed, naming the run that carried it out. */
  private async consumeApproval(guard: GuardDecision, runId: string): Promise<void> {
    if (guard.verdict !== 'proceed' || !guard.approvedRunId) return;
    await this.options.stores.runs.update(guard.approvedRunId, {
      status: 'cancelled',
      reason: `Approved; carried out by run ${runId}.`,
      finishedAt: this.now(),
    });
  }

  /** Executes the stored plan (and, for groups, the membership changes after it); returns the failures and whether it was stopped. */
  private async execute(
    context: OutboundContext,
    tally: PlanTally,
    counts: Record<string, number>,
    guard: GuardDecision,
    signal: AbortSignal | undefined,
  ): Promise<{ failed: number; stopped: boolean }> {
    const policy = executionPolicyOf(context.connection);
    const withholdRemovals = guard.verdict === 'withhold-removals' ? { withholdRemovals: guard.reason } : {};
    const executed = await executePlan(context, this.executor, policy, {
      ...withholdRemovals,
      ...(signal ? { signal } : {}),
    });
    Object.assign(counts, executed.byOutcome);
    let failed = executed.failed;
    let stopped = executed.stopped;
    const processed = { ...executed.processedByKind };
    if (context.objectType === 'Group' && context.rules.length) {
      // Memberships go after the groups exist remotely, and only to members already provisioned.
      // A stopped run leaves them to the next one: nothing of them is planned yet.
      if (signal?.aborted) return { failed, stopped: true };
      const afterSequence = tally.operations;
      await this.planMemberships(context, tally, counts);
      const memberships = await executePlan(context, this.executor, policy, {
        afterSequence,
        ...(signal ? { signal } : {}),
      });
      for (const [key, value] of Object.entries(memberships.byOutcome))
        counts[key] = (counts[key] ?? 0) + value;
      for (const [kind, value] of Object.entries(memberships.processedByKind))
        processed[kind] = (processed[kind] ?? 0) + value;
      failed += memberships.failed;
      stopped ||= memberships.stopped;
    }
    if (stopped) {
      // What the plan held but nobody started, per kind, so the run's counts add up.
      for (const [kind, planned] of Object.entries(tally.byKind)) {
        const notStarted = planned - (processed[kind] ?? 0);
        if (notStarted > 0) counts[`${kind}.cancelled`] = notStarted;
      }
    }
    return { failed, stopped };
  }

  /** A run stopped before it carried anything out: its plan stays stored, nothing was written. */
  private stoppedBeforeExecution(
    run: RunHandle,
    counts: Record<string, number>,
    signal: AbortSignal,
  ): Promise<RunSummary> {
    return run.finish(
      'cancelled',
      counts,
      PROCEED,
      `Stopped before carrying out the plan: ${abortReason(signal)}. Nothing was changed; the next run starts over.`,
    );
  }

  /** A run stopped part way through its plan: what ran is recorded, the rest waits for the next run. */
  private stopped(
    run: RunHandle,
    tally: PlanTally,
    counts: Record<string, number>,
    guard: GuardDecision,
    signal: AbortSignal,
  ): Promise<RunSummary> {
    const notStarted = Object.entries(counts)
      .filter(([key]) => key.endsWith('.cancelled'))
      .reduce((sum, [, value]) => sum + value, 0);
    const of = tally.operations > 0 ? ` of ${tally.operations}` : '';
    return run.finish(
      'cancelled',
      counts,
      guard,
      `Stopped part way: ${abortReason(signal)}. The operations in flight finished and were recorded; ${notStarted}${of} planned operation(s) were not started. The checkpoint was not advanced, so the next run picks them up.`,
    );
  }

  /** Plans the membership changes of every wanted group that exists remotely. */
  private async planMemberships(
    context: OutboundContext,
    tally: PlanTally,
    counts: Record<string, number>,
  ): Promise<void> {
    for (const groupId of tally.wantedGroups) {
      const link = await context.stores.links.get(context.connection.id, 'Group', groupId);
      if (!link?.remoteId) continue;
      let operations;
      try {
        operations = await planGroupMemberships(context, groupId, link.remoteId, link.ruleIds);
      } catch (error) {
        // One group's members could not be read (a 429, an outage): that group fails, not the run.
        operations = [
          {
            connectionId: context.connection.id,
            objectType: 'Group' as const,
            hubId: groupId,
            remoteId: link.remoteId,
            kind: 'error' as const,
            reason: {
              ruleIds: link.ruleIds,
              summary: `Reading the members of the remote group failed: ${describe(error)}`,
            },
          },
        ];
      }
      await storeOperations(context, operations, tally);
    }
    Object.assign(counts, countsOf(tally));
  }

  /** Objects the last successful full run read: the baseline for a "suspiciously empty" read. */
  private async previousSourceCount(connectionId: string): Promise<number | undefined> {
    const runs = await this.options.stores.runs.list(connectionId, 20);
    const last = runs.find(
      (run) => run.kind === 'full' && (run.status === 'succeeded' || run.status === 'partial'),
    );
    return last?.counts['source.objects'];
  }

  /**
   * The run whose removals an operator approved, if that approval covers this run: same
   * connection, at most as many removals, stopped within the last day. Stale approvals do not
   * carry over to a directory that has changed since.
   */
  private async approvedRun(connectionId: string, removals: number): Promise<string | undefined> {
    if (removals === 0) return undefined;
    const { runs } = this.options.stores;
    const oldest = Date.parse(this.now()) - APPROVAL_LIFETIME_MS;
    for (const run of await runs.list(connectionId, 20)) {
      if (run.status !== 'awaiting-approval' || Date.parse(run.startedAt) < oldest) continue;
      const approved = await runs.approval(run.id);
      const planned = (run.counts['planned.disable'] ?? 0) + (run.counts['planned.delete'] ?? 0);
      if (approved && removals <= planned) return run.id;
    }
    return undefined;
  }
}

function outboundRuleIds(rules: readonly ProvisioningRule[], connectionId: string): Set<string> {
  return new Set(
    rules
      .filter((rule) => rule.direction === 'outbound' && rule.connectionId === connectionId)
      .map((rule) => rule.id),
  );
}

function countsOf(tally: PlanTally): Record<string, number> {
  const counts: Record<string, number> = { 'source.objects': tally.sourceObjects };
  for (const [kind, count] of Object.entries(tally.byKind)) counts[`planned.${kind}`] = count;
  return counts;
}
