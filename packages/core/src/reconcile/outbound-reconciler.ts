import { randomUUID } from 'node:crypto';
import type { SchemaRegistry } from '@idsync/scim';
import type { ExecutionPolicyInput } from '../execute/execution-policy.js';
import { Executor } from '../execute/executor.js';
import type { Connection } from '../model/connection.js';
import type { ObjectType } from '../model/object-type.js';
import type { ProvisioningRule } from '../model/provisioning-rule.js';
import type { RunRecord } from '../ports/run-store.js';
import { compileRule, type CompiledRule } from '../rules/compiled-rule.js';
import { capabilitiesOf } from '../spi/capabilities-of.js';
import type { ConnectorManifest } from '../spi/connector-manifest.js';
import type { Connector } from '../spi/connector-operations.js';
import { compileIdentifierReader, GROUP_CORRELATION } from './build-correlation-filter.js';
import { evaluateDeletionGuard, type GuardDecision } from './deletion-guard.js';
import type { EngineStores, OutboundContext } from './outbound-context.js';
import { executePlan } from './stages/execute-plan.js';
import { emptyTally, planPages, storeOperations, type PlanTally } from './stages/plan-pages.js';
import { planGroupMemberships } from './stages/plan-memberships.js';
import { readAllHubCandidates, readChangedHubCandidates, type ChangeReadProgress } from './stages/read-hub-candidates.js';

export interface OutboundRunRequest {
  readonly connection: Connection;
  readonly connector: Connector;
  readonly manifest: ConnectorManifest;
  /** All configured rules; the reconciler picks the enabled outbound ones of this connection. */
  readonly rules: readonly ProvisioningRule[];
  readonly objectType: ObjectType;
  readonly mode: 'full' | 'incremental';
  /** Plan only: every stage up to and including the guard, then stop before execute. */
  readonly dryRun?: boolean;
}

export interface RunSummary {
  readonly runId: string;
  readonly mode: 'full' | 'incremental';
  readonly status: RunRecord['status'];
  readonly counts: Readonly<Record<string, number>>;
  readonly guard: GuardDecision;
  readonly reason?: string;
}

export interface OutboundReconcilerOptions {
  readonly stores: EngineStores;
  readonly registry: SchemaRegistry;
  readonly executor?: Executor;
  /** Objects read, planned and executed per page. */
  readonly pageSize?: number;
  /** Objects planned at once (remote reads during correlation). */
  readonly planConcurrency?: number;
  readonly now?: () => Date;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * One outbound cycle for a connection and object type: read → scope → map → correlate → diff
 * → plan → guard → execute → record. A dry run is the same code path stopping after the guard,
 * so a plan shows exactly what a run would do.
 */
export class OutboundReconciler {
  private readonly executor: Executor;

  constructor(private readonly options: OutboundReconcilerOptions) {
    this.executor = options.executor ?? new Executor();
  }

  async run(request: OutboundRunRequest): Promise<RunSummary> {
    const { stores } = this.options;
    const now = () => (this.options.now?.() ?? new Date()).toISOString();
    const runId = randomUUID();
    const { connection, objectType } = request;
    const checkpoint = await stores.checkpoints.get(connection.id, objectType);
    const mode = request.mode === 'incremental' && checkpoint?.token === undefined ? 'full' : request.mode;
    await stores.runs.create({
      id: runId,
      connectionId: connection.id,
      kind: request.dryRun ? 'plan' : mode,
      status: 'running',
      startedAt: now(),
      counts: {},
    });
    const finish = async (status: RunRecord['status'], counts: Record<string, number>, guard: GuardDecision, reason?: string) => {
      await stores.runs.update(runId, { status, counts, finishedAt: now(), ...(reason ? { reason } : {}) });
      return { runId, mode, status, counts, guard, ...(reason ? { reason } : {}) } satisfies RunSummary;
    };
    const noGuard: GuardDecision = { verdict: 'proceed' };

    let rules: CompiledRule[];
    try {
      rules = request.rules
        .filter((r) => r.direction === 'outbound' && r.connectionId === connection.id && r.objectType === objectType && r.enabled)
        .map((rule) => compileRule(rule, this.options.registry));
    } catch (error) {
      return finish('failed', {}, noGuard, `The rules of connection "${connection.name}" are invalid: ${describe(error)}`);
    }

    const context: OutboundContext = {
      runId,
      connection,
      connector: request.connector,
      implemented: capabilitiesOf(request.connector),
      declared: request.manifest.capabilities,
      objectType,
      rules,
      registry: this.options.registry,
      correlation: (() => {
        const settings = objectType === 'Group' ? GROUP_CORRELATION : connection.preferences;
        return { template: settings.userFilterExpression, readIdentifier: compileIdentifierReader(settings) };
      })(),
      stores,
      pageSize: this.options.pageSize ?? 500,
      now,
    };

    // read → plan (stored with the run, page by page)
    const tally = emptyTally();
    const startCursor = mode === 'full' ? await stores.hub.latestChangeCursor() : undefined;
    const progress: ChangeReadProgress = { cursor: checkpoint?.token, needsFullRun: undefined };
    let readFailure: string | undefined;
    try {
      const pages = mode === 'full' ? readAllHubCandidates(context) : readChangedHubCandidates(context, checkpoint?.token, progress);
      await planPages(context, pages, mode, tally, this.options.planConcurrency ?? 8);
    } catch (error) {
      readFailure = describe(error);
    }
    if (mode === 'incremental' && progress.needsFullRun && !readFailure) {
      await finish('cancelled', {}, noGuard, `Replaced by a full run: ${progress.needsFullRun}.`);
      return this.run({ ...request, mode: 'full' });
    }
    const counts: Record<string, number> = { 'source.objects': tally.sourceObjects };
    for (const [kind, count] of Object.entries(tally.byKind)) counts[`planned.${kind}`] = count;

    // guard
    const guard = evaluateDeletionGuard({
      read: {
        complete: readFailure === undefined,
        objectCount: mode === 'full' ? tally.sourceObjects : Number.MAX_SAFE_INTEGER,
        ...(mode === 'full' ? { previousObjectCount: await this.previousSourceCount(connection.id) } : {}),
        ...(readFailure ? { failure: readFailure } : {}),
      },
      removals: tally.removals,
      linkedObjects: Object.values(await stores.links.countByState(connection.id)).reduce((a, b) => a + b, 0),
      settings: connection.deletionGuard,
      approved: await this.isApproved(connection.id, tally.removals),
    });
    if (readFailure && tally.operations === 0) return finish('failed', counts, guard, `Reading the hub failed: ${readFailure}`);
    if (request.dryRun) {
      if (objectType === 'Group') await this.planMemberships(context, tally, counts);
      return finish('succeeded', counts, guard, guard.verdict === 'proceed' ? undefined : guard.reason);
    }
    if (guard.verdict === 'await-approval') return finish('awaiting-approval', counts, guard, guard.reason);

    // execute → record
    const policy: ExecutionPolicyInput = {
      maxConcurrency: connection.execution.maxConcurrency,
      rateLimit: { capacity: connection.execution.burst, refillPerSecond: connection.execution.requestsPerSecond },
      retry: { maxAttempts: connection.execution.maxAttempts },
      quarantine: { failureThreshold: connection.execution.quarantineAfter },
    };
    const executed = await executePlan(context, this.executor, policy, {
      ...(guard.verdict === 'withhold-removals' ? { withholdRemovals: guard.reason } : {}),
    });
    Object.assign(counts, executed.byOutcome);
    if (objectType === 'Group') {
      // Memberships go after the groups exist remotely, and only to members already provisioned.
      const afterSequence = tally.operations;
      await this.planMemberships(context, tally, counts);
      const memberships = await executePlan(context, this.executor, policy, { afterSequence });
      for (const [key, value] of Object.entries(memberships.byOutcome)) counts[key] = (counts[key] ?? 0) + value;
      executed.failed += memberships.failed;
    }

    // checkpoint: a full run covers every change up to its start; an incremental one up to what it read
    if (!readFailure) {
      await stores.checkpoints.put({
        connectionId: connection.id,
        objectType,
        ...((mode === 'full' ? startCursor : progress.cursor) !== undefined
          ? { token: (mode === 'full' ? startCursor : progress.cursor)! }
          : {}),
        ...(mode === 'full' ? { lastFullReconciliationAt: now() } : checkpoint?.lastFullReconciliationAt ? { lastFullReconciliationAt: checkpoint.lastFullReconciliationAt } : {}),
        updatedAt: now(),
      });
    }
    const status: RunRecord['status'] = readFailure || executed.failed > 0 || executed.withheld > 0 ? 'partial' : 'succeeded';
    const reason = readFailure
      ? `Reading the hub failed part way: ${readFailure}`
      : guard.verdict === 'withhold-removals'
        ? guard.reason
        : executed.failed > 0
          ? `${executed.failed} operation(s) failed; see the sync status of the objects.`
          : undefined;
    return finish(status, counts, guard, reason);
  }

  /** Plans the membership changes of every wanted group that exists remotely. */
  private async planMemberships(context: OutboundContext, tally: PlanTally, counts: Record<string, number>): Promise<void> {
    const before = { ...tally.byKind };
    for (const groupId of tally.wantedGroups) {
      const link = await context.stores.links.get(context.connection.id, 'Group', groupId);
      if (!link?.remoteId) continue;
      await storeOperations(context, await planGroupMemberships(context, groupId, link.remoteId, link.ruleIds), tally);
    }
    for (const [kind, count] of Object.entries(tally.byKind)) {
      if (count !== before[kind]) counts[`planned.${kind}`] = count;
    }
  }

  /** Objects the last successful full run read: the baseline for a "suspiciously empty" read. */
  private async previousSourceCount(connectionId: string): Promise<number | undefined> {
    const runs = await this.options.stores.runs.list(connectionId, 20);
    const last = runs.find((run) => run.kind === 'full' && (run.status === 'succeeded' || run.status === 'partial'));
    return last?.counts['source.objects'];
  }

  /**
   * An operator approved the removals of a run that stopped for approval; the approval covers
   * a later run of the same connection with at most as many removals.
   */
  private async isApproved(connectionId: string, removals: number): Promise<boolean> {
    if (removals === 0) return false;
    const { runs } = this.options.stores;
    for (const run of await runs.list(connectionId, 20)) {
      if (run.status !== 'awaiting-approval') continue;
      const approval = await runs.approval(run.id);
      if (approval && removals <= Object.entries(run.counts).filter(([k]) => k === 'planned.disable' || k === 'planned.delete').reduce((a, [, v]) => a + v, 0)) {
        return true;
      }
    }
    return false;
  }
}
