import { describe, expect, it } from '@jest/globals';
import { ConnectorError } from '../../spi/connector-error.js';
import type { PlannedOperation } from '../planned-operation.js';
import { FakeHub, FakeRemote, onVirtualTime, planningFixture } from '../testing/planning-fixture.js';
import { planPage } from './plan-page.js';
import type { HubCandidate } from './read-hub-candidates.js';

const userName = (i: number) => `user${i}@example.com`;

/** A hub with `count` users; `linked` of them linked to remote objects that exist. */
function population(count: number, linked: number) {
  const hub = new FakeHub();
  const remote = new FakeRemote();
  const page: HubCandidate[] = [];
  for (let i = 0; i < count; i++) {
    page.push(hub.addUser(`h${i}`, userName(i)));
    if (i < linked) {
      remote.add(`r${i}`, userName(i));
      hub.link(`h${i}`, `r${i}`);
    }
  }
  return { hub, remote, page };
}

const kinds = (operations: readonly PlannedOperation[]) => operations.map((operation) => operation.kind);
const operationsOf = (plans: Awaited<ReturnType<typeof planPage>>) =>
  plans.flatMap((plan) => plan.operations);

describe('planPage: batched look-ups', () => {
  it('looks up a page of N new objects with one findEach, not N finds', async () => {
    const { hub, remote, page } = population(25, 0);
    const { context, clock } = planningFixture(hub, remote.connector({ batch: true }));
    const plans = await onVirtualTime(clock, () => planPage(context, page, 'full', 4));
    expect(kinds(operationsOf(plans))).toEqual(Array(25).fill('create'));
    expect(remote.calls).toEqual([{ call: 'findEach', size: 25 }]);
    expect(hub.linkReads).toBe(1);
  });

  it('reads a page of N linked objects with one getMany, and no get', async () => {
    const { hub, remote, page } = population(30, 30);
    const { context, clock } = planningFixture(hub, remote.connector({ batch: true }));
    const plans = await onVirtualTime(clock, () => planPage(context, page, 'full', 4));
    // In sync already; only the links learn it (they carry no hash yet).
    expect(kinds(operationsOf(plans))).toEqual(Array(30).fill('confirm'));
    expect(remote.calls).toEqual([{ call: 'getMany', size: 30 }]);
  });

  it('mixes both: one getMany for the linked, one findEach for the rest', async () => {
    const { hub, remote, page } = population(10, 4);
    remote.add('r-existing', userName(7)); // already on the remote side, not linked: correlation finds it
    const { context, clock } = planningFixture(hub, remote.connector({ batch: true }));
    const plans = await onVirtualTime(clock, () => planPage(context, page, 'full', 4));
    expect(remote.calls).toEqual([
      { call: 'getMany', size: 4 },
      { call: 'findEach', size: 6 },
    ]);
    expect(plans.find((plan) => plan.hubId === 'h7')?.operations).toMatchObject([
      { kind: 'link', remoteId: 'r-existing' },
    ]);
    expect(kinds(operationsOf(plans)).filter((kind) => kind === 'create')).toHaveLength(5);
  });

  it('falls back to one get and one find per object when the connector has no batch look-ups', async () => {
    const { hub, remote, page } = population(8, 3);
    const { context, clock } = planningFixture(hub, remote.connector({ batch: false }));
    const plans = await onVirtualTime(clock, () => planPage(context, page, 'full', 4));
    expect(remote.count('get')).toBe(3);
    expect(remote.count('find')).toBe(5);
    expect(kinds(operationsOf(plans))).toEqual([...Array(3).fill('confirm'), ...Array(5).fill('create')]);
  });

  it('reads nothing remote for linked objects an incremental run can trust', async () => {
    const { hub, remote, page } = population(5, 5);
    const { context, clock } = planningFixture(hub, remote.connector({ batch: true }));
    // A full run tells the links the hash of what is on the remote side…
    const confirmed = operationsOf(await onVirtualTime(clock, () => planPage(context, page, 'full', 4)));
    for (const operation of confirmed) {
      if (operation.kind !== 'confirm') throw new Error(`expected confirm operations, got ${operation.kind}`);
      hub.link(operation.hubId, operation.remoteId, { lastAppliedHash: operation.desiredHash! });
    }
    remote.calls.length = 0;
    // …so the next incremental run trusts them.
    const plans = await onVirtualTime(clock, () => planPage(context, page, 'incremental', 4));
    expect(operationsOf(plans)).toEqual([]);
    expect(remote.calls).toEqual([]);
  });
});

describe('planPage: pacing and failures', () => {
  it('retries a look-up answered 429 after its Retry-After, and plans as if nothing happened', async () => {
    const { hub, remote, page } = population(6, 0);
    let refusals = 0;
    remote.fault = (call) =>
      call === 'findEach' && refusals++ === 0
        ? new ConnectorError('rate-limited', 'Too many requests', { remoteStatus: 429, retryAfterMs: 3_000 })
        : undefined;
    const { context, clock } = planningFixture(hub, remote.connector({ batch: true }));
    const plans = await onVirtualTime(clock, () => planPage(context, page, 'full', 4));
    expect(kinds(operationsOf(plans))).toEqual(Array(6).fill('create'));
    expect(remote.count('findEach')).toBe(2);
    expect(clock.now()).toBeGreaterThanOrEqual(3_000);
  });

  it('a read that keeps failing fails only the object it was for', async () => {
    const { hub, remote, page } = population(4, 4);
    remote.fault = (call, { remoteIds }) =>
      call === 'get' && remoteIds?.includes('r2')
        ? new ConnectorError('unavailable', 'connection reset by peer')
        : undefined;
    const { context, clock } = planningFixture(hub, remote.connector({ batch: false }), { maxAttempts: 3 });
    const plans = await onVirtualTime(clock, () => planPage(context, page, 'full', 4));
    expect(remote.calls.filter((each) => each.call === 'get')).toHaveLength(3 + 3); // three others once, r2 three times
    const failed = plans.find((plan) => plan.hubId === 'h2')!;
    expect(failed.operations).toMatchObject([
      { kind: 'error', reason: { summary: expect.stringContaining('connection reset by peer') } },
    ]);
    expect(kinds(plans.filter((plan) => plan.hubId !== 'h2').flatMap((plan) => plan.operations))).toEqual(
      Array(3).fill('confirm'),
    );
  });

  it('a batch read that keeps failing fails the objects it was for, not the page', async () => {
    const { hub, remote, page } = population(5, 2);
    remote.fault = (call) => (call === 'getMany' ? new ConnectorError('unavailable', 'HTTP 503') : undefined);
    const { context, clock } = planningFixture(hub, remote.connector({ batch: true }), { maxAttempts: 2 });
    const plans = await onVirtualTime(clock, () => planPage(context, page, 'full', 4));
    expect(remote.count('getMany')).toBe(2);
    expect(kinds(operationsOf(plans))).toEqual(['error', 'error', 'create', 'create', 'create']);
    expect(plans[0]?.operations[0]?.reason.summary).toContain('HTTP 503');
  });
});

describe('planPage: a linked object that is gone', () => {
  it('is looked for before it is created again: a copy recreated outside idsync is linked', async () => {
    const { hub, remote, page } = population(3, 3);
    remote.objects.delete('r1');
    remote.add('r1-recreated', userName(1));
    const { context, clock } = planningFixture(hub, remote.connector({ batch: true }));
    const plans = await onVirtualTime(clock, () => planPage(context, page, 'full', 4));
    expect(remote.calls).toEqual([
      { call: 'getMany', size: 3 },
      { call: 'findEach', size: 1 },
    ]);
    expect(plans[1]?.operations).toMatchObject([
      {
        kind: 'link',
        remoteId: 'r1-recreated',
        reason: { summary: expect.stringContaining('no longer exists') },
      },
    ]);
  });

  it('is created again only when correlation finds nothing', async () => {
    const { hub, remote, page } = population(2, 2);
    remote.objects.delete('r0');
    const { context, clock } = planningFixture(hub, remote.connector({ batch: false }));
    const plans = await onVirtualTime(clock, () => planPage(context, page, 'full', 4));
    expect(remote.count('find')).toBe(1);
    expect(plans[0]?.operations).toMatchObject([
      { kind: 'create', reason: { summary: expect.stringContaining('it is created again') } },
    ]);
  });
});
