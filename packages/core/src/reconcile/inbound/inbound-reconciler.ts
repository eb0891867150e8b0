import type { SchemaRegistry } from '@idsync/scim';
import {
  concatMap,
  EMPTY,
  from,
  fromEvent,
  lastValueFrom,
  mergeMap,
  takeUntil,
  toArray,
  type Observable,
} from 'rxjs';
import { ConfigError } from '../../config/config-error.js';
import type { ObjectType } from '../../model/object-type.js';
import type { ProvisioningRule } from '../../model/provisioning-rule.js';
import type { RunRecord } from '../../ports/run-store.js';
import { checkBidirectionalRules } from '../../rules/check-bidirectional-rules.js';
import { compileRule } from '../../rules/compiled-rule.js';
import { isConnectorError } from '../../spi/connector-error.js';
import type { RemoteObject } from '../../spi/remote-object.js';
import { evaluateDeletionGuard, type GuardDecision } from '../deletion-guard.js';
import type { EngineStores } from '../outbound-context.js';
import type { ConnectionTarget } from '../outbound-reconciler.js';
import { startRun, type RunHandle, type RunSummary } from '../run-recorder.js';
import { abortReason } from '../stop-when-aborted.js';
import type { Checkpoint } from '../../ports/checkpoint-store.js';
import { applyInboundOperation } from './apply-inbound-operation.js';
import type { InboundContext } from './inbound-context.js';
import { isInboundRemoval, type InboundOperation } from './inbound-operation.js';
import { planHubRemoval, planInboundObject } from './plan-inbound-object.js';
import { syncInboundMemberships } from './sync-inbound-memberships.js';

export interface InboundRunRequest extends ConnectionTarget {
  readonly rules: readonly ProvisioningRule[];
  readonly objectType: ObjectType;
  readonly mode: 'full' | 'incremental';
  readonly dryRun?: boolean;
  /**
   * Stops the run between source batches: no further batch is read or applied (the operation
   * being applied finishes), and an incremental run stores the token of the last batch it
   * applied in full, so the next run resumes from there. The run ends `cancelled`.
   */
  readonly signal?: AbortSignal;
}

/** Where one source batch's planned operations end, and the token that follows it. */
interface BatchEnd {
  readonly throughSequence: number;
  readonly token: string;
}

export interface InboundReconcilerOptions {
  readonly stores: EngineStores;
  readonly registry: SchemaRegistry;
  readonly pageSize?: number;
  readonly planConcurrency?: number;
  readonly now?: () => Date;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const PROCEED: GuardDecision = { verdict: 'proceed' };

interface Tally {
  operations: number;
  removals: number;
  sourceObjects: number;
  byKind: Record<string, number>;
}

/**
 * The inbound engine: a store → the hub. Reads the source (pages, or changes since the
 * checkpoint), scopes and maps with the inbound rules, finds the hub object, plans, guards and
 * applies. A full read also finds hub objects whose source object is gone. Two-way
 * connections are checked so that no attribute flows both ways without an owner.
 */
export class InboundReconciler {
  constructor(private readonly options: InboundReconcilerOptions) {}

  private now = (): string => (this.options.now?.() ?? new Date()).toISOString();

  async run(request: InboundRunRequest): Promise<RunSummary> {
    const { stores } = this.options;
    const { connection, connector, objectType } = request;
    const checkpoint = await stores.checkpoints.get(connection.id, objectType, 'inbound');
    const incrementalPossible =
      typeof connector.changesSince === 'function' && checkpoint?.token !== undefined;
    const mode = request.mode === 'incremental' && incrementalPossible ? 'incremental' : 'full';
    const run = await startRun(stores.runs, connection.id, request.dryRun ? 'plan' : mode, mode, this.now);
    try {
      return await this.runOnce(request, run, mode, checkpoint);
    } catch (error) {
      // Whatever went wrong, the run is closed with the reason, never left "running".
      return run.finish('failed', {}, PROCEED, `The run stopped on an unexpected error: ${describe(error)}`);
    }
  }

  private async runOnce(
    request: InboundRunRequest,
    run: RunHandle,
    mode: 'full' | 'incremental',
    checkpoint: Checkpoint | undefined,
  ): Promise<RunSummary> {
    const { stores } = this.options;
    const { connection, connector, objectType } = request;
    let context: InboundContext;
    try {
      const issues = checkBidirectionalRules(
        request.rules.filter((rule) => rule.connectionId === connection.id),
      );
      if (issues.length) throw new ConfigError(issues);
      const rules = request.rules
        .filter(
          (r) =>
            r.direction === 'inbound' &&
            r.connectionId === connection.id &&
            r.objectType === objectType &&
            r.enabled,
        )
        .map((rule) => compileRule(rule, this.options.registry));
      context = {
        runId: run.id,
        connection,
        connector,
        objectType,
        rules,
        ownedRuleIds: new Set(
          request.rules
            .filter((r) => r.direction === 'inbound' && r.connectionId === connection.id)
            .map((r) => r.id),
        ),
        registry: this.options.registry,
        stores,
        pageSize: this.options.pageSize ?? 500,
        now: this.now,
      };
    } catch (error) {
      return run.finish(
        'failed',
        {},
        PROCEED,
        `The rules of connection "${connection.name}" are invalid: ${describe(error)}`,
      );
    }

    // read → plan, stored with the run
    const tally: Tally = { operations: 0, removals: 0, sourceObjects: 0, byKind: {} };
    let readFailure: string | undefined;
    let nextToken: string | undefined;
    const batchEnds: BatchEnd[] = [];
    const { signal } = request;
    try {
      if (mode === 'full') {
        nextToken = connector.latestToken ? await connector.latestToken(objectType) : undefined;
        await this.planFullRead(context, tally, signal);
      } else {
        nextToken = await this.planChanges(context, checkpoint!.token!, tally, batchEnds, signal);
      }
    } catch (error) {
      if (mode === 'incremental' && isConnectorError(error) && error.code === 'stale-token') {
        await run.finish('cancelled', {}, PROCEED, `Replaced by a full run: ${error.message}`);
        await stores.checkpoints.delete(connection.id, objectType, 'inbound');
        return this.run({ ...request, mode: 'full' });
      }
      readFailure = describe(error);
    }
    const counts: Record<string, number> = { 'source.objects': tally.sourceObjects };
    for (const [kind, count] of Object.entries(tally.byKind)) counts[`planned.${kind}`] = count;
    if (readFailure && tally.operations === 0)
      return run.finish('failed', counts, PROCEED, `Reading the source failed: ${readFailure}`);
    if (signal?.aborted) {
      return run.finish(
        'cancelled',
        counts,
        PROCEED,
        `Stopped before applying anything: ${abortReason(signal)}. The hub was not changed; the next run starts over.`,
      );
    }

    // guard: the same rules as outbound — a bad source read never removes anything from the hub
    // Counted only when something would be removed: a count of every link on each poll is O(directory).
    const linked =
      tally.removals > 0
        ? Object.values(await stores.links.countByState(connection.id)).reduce((a, b) => a + b, 0)
        : 0;
    const guard = evaluateDeletionGuard({
      read: {
        complete: readFailure === undefined,
        objectCount: mode === 'full' ? tally.sourceObjects : Number.MAX_SAFE_INTEGER,
        ...(readFailure ? { failure: readFailure } : {}),
      },
      removals: tally.removals,
      linkedObjects: linked,
      settings: connection.deletionGuard,
      approved: false,
    });
    if (request.dryRun)
      return run.finish('succeeded', counts, guard, guard.verdict === 'proceed' ? undefined : guard.reason);
    if (guard.verdict === 'await-approval')
      return run.finish('awaiting-approval', counts, guard, guard.reason);

    // apply → record
    let failed = 0;
    let after = 0;
    let appliedThrough = 0;
    const applied: Record<string, number> = {};
    apply: for (;;) {
      const stored = await stores.runs.operations(run.id, after, context.pageSize);
      if (stored.length === 0) break;
      after = stored[stored.length - 1]!.sequence;
      for (const entry of stored) {
        // Stopped: the operation in hand was finished; nothing further starts.
        if (signal?.aborted) break apply;
        appliedThrough = entry.sequence;
        const operation = entry.detail as InboundOperation;
        applied[operation.kind] = (applied[operation.kind] ?? 0) + 1;
        if (guard.verdict === 'withhold-removals' && isInboundRemoval(operation)) {
          counts[`${operation.kind}.withheld`] = (counts[`${operation.kind}.withheld`] ?? 0) + 1;
          continue;
        }
        const { ok } = await applyInboundOperation(context, operation);
        const key = `${operation.kind}.${ok && operation.kind !== 'error' ? 'succeeded' : 'failed'}`;
        counts[key] = (counts[key] ?? 0) + 1;
        if (!ok) failed++;
      }
    }
    if (signal?.aborted && appliedThrough < tally.operations) {
      return this.stopped(
        context,
        run,
        mode,
        { counts, guard, tally, applied, appliedThrough, batchEnds, checkpoint },
        signal,
      );
    }
    if (objectType === 'Group' && !readFailure) {
      const changed = await syncInboundMemberships(context);
      if (changed) counts['memberships.updated'] = changed;
    }
    if (!readFailure && nextToken !== undefined) {
      await stores.checkpoints.put({
        connectionId: connection.id,
        objectType,
        direction: 'inbound',
        token: nextToken,
        ...(mode === 'full'
          ? { lastFullReconciliationAt: this.now() }
          : checkpoint?.lastFullReconciliationAt
            ? { lastFullReconciliationAt: checkpoint.lastFullReconciliationAt }
            : {}),
        updatedAt: this.now(),
      });
    }
    const status: RunRecord['status'] =
      readFailure || failed || guard.verdict === 'withhold-removals' ? 'partial' : 'succeeded';
    const reason = readFailure
      ? `Reading the source failed part way: ${readFailure}`
      : guard.verdict === 'withhold-removals'
        ? guard.reason
        : failed
          ? `${failed} operation(s) failed.`
          : undefined;
    return run.finish(status, counts, guard, reason);
  }

  /**
   * Stopped part way through applying: what was applied stays, and an incremental run stores
   * the token of the last batch applied in full (a full run stores none: its read was not
   * finished, so it says nothing about what is gone).
   */
  private async stopped(
    context: InboundContext,
    run: RunHandle,
    mode: 'full' | 'incremental',
    state: {
      counts: Record<string, number>;
      guard: GuardDecision;
      tally: Tally;
      applied: Record<string, number>;
      appliedThrough: number;
      batchEnds: readonly BatchEnd[];
      checkpoint: Checkpoint | undefined;
    },
    signal: AbortSignal,
  ): Promise<RunSummary> {
    const { counts, tally, applied, appliedThrough, batchEnds, checkpoint } = state;
    for (const [kind, planned] of Object.entries(tally.byKind)) {
      const notStarted = planned - (applied[kind] ?? 0);
      if (notStarted > 0) counts[`${kind}.cancelled`] = notStarted;
    }
    const resumeAt =
      mode === 'incremental'
        ? batchEnds.filter((end) => end.throughSequence <= appliedThrough).at(-1)
        : undefined;
    if (resumeAt) {
      await context.stores.checkpoints.put({
        connectionId: context.connection.id,
        objectType: context.objectType,
        direction: 'inbound',
        token: resumeAt.token,
        ...(checkpoint?.lastFullReconciliationAt
          ? { lastFullReconciliationAt: checkpoint.lastFullReconciliationAt }
          : {}),
        updatedAt: this.now(),
      });
    }
    const where = resumeAt
      ? 'the checkpoint moved to the last batch applied in full'
      : 'the checkpoint was not advanced';
    return run.finish(
      'cancelled',
      counts,
      state.guard,
      `Stopped part way: ${abortReason(signal)}. ${appliedThrough} of ${tally.operations} planned operation(s) were applied; ${where}, so the next run picks up the rest.`,
    );
  }

  /** Every source object, page by page; then the hub objects this connection brought in whose source object is gone. */
  private async planFullRead(
    context: InboundContext,
    tally: Tally,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const { connector, objectType, connection, stores } = context;
    if (!connector.read) throw new Error(`Connector "${connection.connectorId}" cannot read objects.`);
    const seen = new Set<string>();
    await this.planPages(
      context,
      untilAborted(connector.read(objectType, { pageSize: context.pageSize }), signal),
      tally,
      seen,
      signal,
    );
    // A read cut short has not seen every source object: nothing may be judged gone.
    if (signal?.aborted) return;
    for await (const links of stores.links.scan(connection.id, objectType, context.pageSize)) {
      const gone: InboundOperation[] = [];
      for (const link of links) {
        if (
          !link.remoteId ||
          seen.has(link.remoteId) ||
          !link.ruleIds.some((id) => context.ownedRuleIds.has(id))
        )
          continue;
        const hubObject = await stores.hub.get(objectType, link.hubId);
        if (hubObject)
          gone.push(...planHubRemoval(context, link, hubObject, 'The source object no longer exists.'));
      }
      await this.store(context, gone, tally);
    }
  }

  /** Changes since the token: upserts are planned like a full read's objects, deletes as removals. */
  private async planChanges(
    context: InboundContext,
    token: string,
    tally: Tally,
    batchEnds: BatchEnd[],
    signal: AbortSignal | undefined,
  ): Promise<string> {
    const { connector, objectType, connection, stores } = context;
    let last = token;
    await lastValueFrom(
      untilAborted(connector.changesSince!(objectType, token), signal).pipe(
        concatMap(async (batch) => {
          // A batch that arrived before the stop but was not started is left for the next run.
          if (signal?.aborted) return;
          const upserts = batch.changes.flatMap((change) =>
            change.kind === 'upsert' ? [change.object] : [],
          );
          await this.planObjects(context, upserts, tally);
          const removals: InboundOperation[] = [];
          for (const change of batch.changes) {
            if (change.kind !== 'delete') continue;
            const link = await stores.links.getByRemoteId(connection.id, objectType, change.remoteId);
            const hubObject = link ? await stores.hub.get(objectType, link.hubId) : undefined;
            if (link && hubObject && link.ruleIds.some((id) => context.ownedRuleIds.has(id))) {
              removals.push(...planHubRemoval(context, link, hubObject, 'The source object was deleted.'));
            }
          }
          await this.store(context, removals, tally);
          last = batch.token;
          batchEnds.push({ throughSequence: tally.operations, token: batch.token });
        }),
        toArray(),
      ),
      { defaultValue: [] },
    );
    return last;
  }

  private async planPages(
    context: InboundContext,
    pages: Observable<readonly RemoteObject[]>,
    tally: Tally,
    seen: Set<string>,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    await lastValueFrom(
      pages.pipe(
        concatMap(async (page) => {
          if (signal?.aborted) return;
          for (const object of page) seen.add(object.remoteId);
          await this.planObjects(context, page, tally);
        }),
        toArray(),
      ),
      { defaultValue: [] },
    );
  }

  private async planObjects(
    context: InboundContext,
    objects: readonly RemoteObject[],
    tally: Tally,
  ): Promise<void> {
    tally.sourceObjects += objects.length;
    const planned = await lastValueFrom(
      from(objects).pipe(
        mergeMap((object) => planInboundObject(context, object), this.options.planConcurrency ?? 8),
        toArray(),
      ),
      { defaultValue: [] },
    );
    await this.store(context, planned.flat(), tally);
  }

  private async store(
    context: InboundContext,
    operations: readonly InboundOperation[],
    tally: Tally,
  ): Promise<void> {
    if (operations.length === 0) return;
    await context.stores.runs.appendOperations(
      operations.map((operation, offset) => ({
        runId: context.runId,
        sequence: tally.operations + offset + 1,
        kind: operation.kind,
        objectType: operation.objectType,
        ...('hubId' in operation && operation.hubId ? { hubId: operation.hubId } : {}),
        remoteId: operation.remoteId,
        detail: operation,
      })),
    );
    tally.operations += operations.length;
    for (const operation of operations) {
      tally.byKind[operation.kind] = (tally.byKind[operation.kind] ?? 0) + 1;
      if (isInboundRemoval(operation)) tally.removals++;
    }
  }
}

/** The source stream until the signal aborts: reading stops then, whatever page is being planned finishes. */
function untilAborted<T>(source: Observable<T>, signal: AbortSignal | undefined): Observable<T> {
  if (!signal) return source;
  if (signal.aborted) return EMPTY;
  return source.pipe(takeUntil(fromEvent(signal, 'abort')));
}
