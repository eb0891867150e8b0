import { describe, expect, it } from '@jest/globals';
import { USER_SCHEMA } from '@idsync/scim';
import { Executor } from '../../execute/executor.js';
import type { Link } from '../../model/link.js';
import type { AuditEntry } from '../../ports/audit-log.js';
import type { StoredOperation } from '../../ports/run-store.js';
import type { OutboundContext } from '../outbound-context.js';
import type { PlannedOperation } from '../planned-operation.js';
import { executePlan } from './execute-plan.js';

/** A remote store whose creates answer only when the test says so, so it can act while writes are in flight. */
class HeldCreates {
  readonly calls: string[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly arrivals: (() => void)[] = [];

  readonly create = (_type: string, resource: { userName?: unknown }) => {
    this.calls.push(String(resource.userName));
    this.arrivals.splice(0).forEach((notify) => notify());
    return new Promise<{ remoteId: string }>((resolve) =>
      this.waiting.push(() => resolve({ remoteId: `remote-${String(resource.userName)}` })),
    );
  };

  /** Resolves once `count` creates have been called in total. */
  async inFlight(count: number): Promise<void> {
    while (this.calls.length < count) await new Promise<void>((resolve) => this.arrivals.push(resolve));
  }

  answerAll(): void {
    this.waiting.splice(0).forEach((answer) => answer());
  }
}

/** The parts of the stores executing a plan touches, in memory. */
function fakeContext(plan: PlannedOperation[], connector: HeldCreates) {
  const links = new Map<string, Link>();
  const audit: AuditEntry[] = [];
  const storeCalls: string[] = [];
  const stored: StoredOperation[] = plan.map((operation, index) => ({
    runId: 'run-1',
    sequence: index + 1,
    kind: operation.kind,
    objectType: operation.objectType,
    hubId: operation.hubId,
    detail: operation,
  }));
  const context = {
    runId: 'run-1',
    connection: { id: 'target', connectorId: 'fake' },
    connector: { create: connector.create },
    declared: {},
    objectType: 'User',
    ownedRuleIds: new Set(['rule']),
    pageSize: 4,
    now: () => '2025-01-01T00:00:00.000Z',
    stores: {
      runs: {
        operations: async (_runId: string, after = 0, limit = 500) =>
          stored.filter((entry) => entry.sequence > after).slice(0, limit),
      },
      links: {
        get: async (_connection: string, _type: string, hubId: string) => links.get(hubId),
        getMany: async (_connection: string, _type: string, hubIds: readonly string[]) => {
          storeCalls.push('links.getMany');
          return new Map(
            hubIds.flatMap((hubId) => (links.has(hubId) ? [[hubId, links.get(hubId)!] as const] : [])),
          );
        },
        put: async (link: Link) => void links.set(link.hubId, link),
        putMany: async (many: readonly Link[]) => {
          storeCalls.push('links.putMany');
          many.forEach((link) => links.set(link.hubId, link));
        },
        release: async (_connection: string, _type: string, hubId: string) => void links.delete(hubId),
        // Only users here: the connection has no group links for recording to look at.
        scan: async function* () {},
      },
      audit: {
        append: async (entries: readonly AuditEntry[]) => {
          storeCalls.push('audit.append');
          audit.push(...entries);
        },
      },
    },
  } as unknown as OutboundContext;
  return { context, links, audit, storeCalls };
}

const create = (name: string): PlannedOperation => ({
  connectionId: 'target',
  objectType: 'User',
  hubId: `hub-${name}`,
  kind: 'create',
  resource: { schemas: [USER_SCHEMA], userName: name },
  reason: { ruleIds: ['rule'], summary: 'in scope, not on the target' },
});

const NAMES = ['ada', 'grace', 'alan', 'edsger', 'barbara', 'ken'];
const POLICY = { maxConcurrency: 2 };

describe('executePlan with an abort signal', () => {
  it('starts nothing after the abort, lets the writes in flight finish and records them', async () => {
    const remote = new HeldCreates();
    const { context, links, audit } = fakeContext(NAMES.map(create), remote);
    const controller = new AbortController();
    const execution = executePlan(context, new Executor(), POLICY, { signal: controller.signal });

    await remote.inFlight(2);
    controller.abort('the server is shutting down');
    remote.answerAll();
    const tally = await execution;

    // The two creates in flight finished and were recorded; the other four never started.
    expect(remote.calls).toEqual(['ada', 'grace']);
    expect([...links.keys()].sort()).toEqual(['hub-ada', 'hub-grace']);
    expect(links.get('hub-ada')).toMatchObject({ remoteId: 'remote-ada', state: 'in-sync' });
    expect(links.get('hub-ada')?.intent).toBeUndefined();
    expect(audit.map((entry) => entry.objectId).sort()).toEqual(['hub-ada', 'hub-grace']);
    expect(tally).toMatchObject({
      stopped: true,
      succeeded: 2,
      failed: 0,
      processedByKind: { create: 2 },
      byOutcome: { 'create.succeeded': 2 },
    });
  });

  it('runs the whole plan, two at a time, when the signal never aborts', async () => {
    const remote = new HeldCreates();
    const { context, links } = fakeContext(NAMES.map(create), remote);
    const execution = executePlan(context, new Executor(), POLICY, { signal: new AbortController().signal });
    // Answer each pair as it arrives: the feed hands out the next ones only as slots free up.
    for (let done = 2; done <= NAMES.length; done += 2) {
      await remote.inFlight(done);
      expect(remote.calls).toHaveLength(done);
      remote.answerAll();
    }
    const tally = await execution;
    expect(remote.calls).toEqual(NAMES);
    expect(links.size).toBe(NAMES.length);
    expect(tally).toMatchObject({
      stopped: false,
      succeeded: NAMES.length,
      processedByKind: { create: NAMES.length },
    });
  });

  it('is not stopped by an abort that comes after the last operation finished', async () => {
    const remote = new HeldCreates();
    const { context } = fakeContext(NAMES.slice(0, 2).map(create), remote);
    const controller = new AbortController();
    const execution = executePlan(context, new Executor(), POLICY, { signal: controller.signal });
    await remote.inFlight(2);
    remote.answerAll();
    const tally = await execution;
    controller.abort();
    expect(tally.stopped).toBe(false);
    expect(tally.succeeded).toBe(2);
  });
});

describe('executePlan records a wave in a few store calls', () => {
  it('writes the intents of a page of creates in one batch before any create, and their outcomes in one more', async () => {
    const remote = new HeldCreates();
    const { context, links, audit, storeCalls } = fakeContext(NAMES.slice(0, 4).map(create), remote);
    const execution = executePlan(context, new Executor(), { maxConcurrency: 4 }, {});
    await remote.inFlight(4);
    // Every intent is on its link before the creates go out (safety rule 3).
    for (const name of NAMES.slice(0, 4))
      expect(links.get(`hub-${name}`)?.intent).toMatchObject({ operation: 'create', runId: 'run-1' });
    expect(storeCalls).toEqual(['links.getMany', 'links.putMany']);
    remote.answerAll();
    await execution;
    // Four creates: one read and one write of links for the intents, the same for the outcomes, one audit append.
    expect(storeCalls).toEqual([
      'links.getMany',
      'links.putMany',
      'links.getMany',
      'links.putMany',
      'audit.append',
    ]);
    expect([...links.values()].map((link) => [link.remoteId, link.state, link.intent])).toEqual(
      NAMES.slice(0, 4).map((name) => [`remote-${name}`, 'in-sync', undefined]),
    );
    expect(audit.map((entry) => entry.action)).toEqual(['create', 'create', 'create', 'create']);
  });
});
