import { describe, expect, it } from '@jest/globals';
import { classifyError } from './classify-error.js';
import type { ConnectionHealth } from './connection-health.js';
import { ConnectionQuarantine, type Admission, type QuarantinePass } from './connection-quarantine.js';
import { ManualClock } from './manual-clock.js';
import { sleep } from './sleep.js';

const unauthorized = Object.assign(new Error('401 invalid_authentication'), { status: 401 });
const conflict = Object.assign(new Error('409 username_taken'), { status: 409 });
const tooMany = Object.assign(new Error('429 too_many_requests'), { status: 429 });

async function admitted(quarantine: ConnectionQuarantine): Promise<QuarantinePass> {
  const admission = await quarantine.admit();
  if (!admission.admitted) throw new Error(`expected admission, got refused: ${admission.quarantine.reason}`);
  return admission.pass;
}

async function failWith(quarantine: ConnectionQuarantine, error: unknown, times: number): Promise<void> {
  for (let i = 0; i < times; i++) (await admitted(quarantine)).failed(error, classifyError(error));
}

function setUp(probe?: (signal: AbortSignal) => Promise<unknown>) {
  const clock = new ManualClock(1_000_000);
  const quarantine = new ConnectionQuarantine(
    'slack',
    { failureThreshold: 3, coolDownMs: 60_000, ...(probe ? { probe } : {}) },
    clock,
  );
  const states: ConnectionHealth['state'][] = [];
  quarantine.health$.subscribe((health) => states.push(health.state));
  return { clock, quarantine, states };
}

describe('ConnectionQuarantine', () => {
  it('trips after K consecutive connection-level failures, with a reason naming what failed', async () => {
    const { quarantine, states } = setUp();
    await failWith(quarantine, unauthorized, 2);
    expect(quarantine.health.state).toBe('healthy');
    await failWith(quarantine, unauthorized, 1);
    const health = quarantine.health;
    expect(health.state).toBe('quarantined');
    if (health.state !== 'quarantined') return;
    expect(health.quarantine).toMatchObject({
      connectionId: 'slack',
      since: 1_000_000,
      probeAfter: 1_060_000,
      lastError: unauthorized,
      category: 'unauthorized',
    });
    expect(health.quarantine.reason).toMatch(
      /3 operations in a row failed .*unauthorized \(HTTP 401\): 401 invalid_authentication/,
    );
    expect(states).toEqual(['healthy', 'quarantined']);
  });

  it('resets the count on an object-level failure or a success, but not on rate limiting', async () => {
    const { quarantine } = setUp();
    await failWith(quarantine, unauthorized, 2);
    await failWith(quarantine, conflict, 1);
    expect(quarantine.consecutiveFailures).toBe(0);
    await failWith(quarantine, unauthorized, 2);
    (await admitted(quarantine)).succeeded();
    expect(quarantine.consecutiveFailures).toBe(0);
    await failWith(quarantine, unauthorized, 2);
    await failWith(quarantine, tooMany, 1);
    expect(quarantine.consecutiveFailures).toBe(2);
  });

  it('refuses admission during the cool-down, with the quarantine details', async () => {
    const { clock, quarantine } = setUp();
    await failWith(quarantine, unauthorized, 3);
    await clock.advanceBy(59_999);
    const admission = await quarantine.admit();
    expect(admission.admitted).toBe(false);
    if (!admission.admitted) expect(admission.quarantine.lastError).toBe(unauthorized);
  });

  it('ignores late outcomes of operations admitted before the trip', async () => {
    const { quarantine } = setUp();
    const late = await admitted(quarantine);
    await failWith(quarantine, unauthorized, 3);
    late.succeeded();
    expect(quarantine.health.state).toBe('quarantined');
  });

  it('lifts the quarantine when the probe succeeds after the cool-down, running it once for all waiters', async () => {
    const { clock, quarantine, states } = setUp();
    let probes = 0;
    quarantine.policy = {
      ...quarantine.policy,
      probe: async (signal) => {
        probes++;
        await sleep(clock, 500, signal);
      },
    };
    await failWith(quarantine, unauthorized, 3);
    await clock.advanceBy(60_000);
    const admissions: Admission[] = [];
    for (let i = 0; i < 3; i++) void quarantine.admit().then((admission) => admissions.push(admission));
    await clock.settle();
    expect(quarantine.health.state).toBe('probing');
    expect(admissions).toHaveLength(0);
    await clock.advanceBy(500);
    expect(probes).toBe(1);
    expect(admissions.map((admission) => admission.admitted)).toEqual([true, true, true]);
    expect(states).toEqual(['healthy', 'quarantined', 'probing', 'healthy']);
  });

  it('stays quarantined, with a fresh cool-down, when the probe fails', async () => {
    const probeError = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const { clock, quarantine } = setUp(() => Promise.reject(probeError));
    await failWith(quarantine, unauthorized, 3);
    await clock.advanceBy(60_000);
    const admission = await quarantine.admit();
    expect(admission.admitted).toBe(false);
    if (admission.admitted) return;
    expect(admission.quarantine).toMatchObject({
      since: 1_060_000,
      probeAfter: 1_120_000,
      lastError: probeError,
      category: 'unavailable',
    });
    expect(admission.quarantine.reason).toMatch(/the probe failed: connect ECONNREFUSED/);
  });

  describe('without a probe callback, the first operation after the cool-down is the probe', () => {
    async function probing() {
      const context = setUp();
      await failWith(context.quarantine, unauthorized, 3);
      await context.clock.advanceBy(60_000);
      const probe = await admitted(context.quarantine);
      const others: Admission[] = [];
      for (let i = 0; i < 2; i++) void context.quarantine.admit().then((admission) => others.push(admission));
      await context.clock.settle();
      return { ...context, probe, others };
    }

    it('holds the others back until its verdict, and lets them through when it succeeds', async () => {
      const { quarantine, probe, others } = await probing();
      expect(probe.probe).toBe(true);
      expect(others).toHaveLength(0);
      probe.succeeded();
      await new Promise((resolve) => setImmediate(resolve));
      expect(others.map((admission) => admission.admitted)).toEqual([true, true]);
      expect(quarantine.health.state).toBe('healthy');
    });

    it('lifts it when the probe fails only for its own object: the store answered', async () => {
      const { quarantine, probe } = await probing();
      probe.failed(conflict, classifyError(conflict));
      expect(quarantine.health.state).toBe('healthy');
    });

    it('re-quarantines and refuses the others when the probe fails at connection level', async () => {
      const { quarantine, probe, others } = await probing();
      probe.failed(unauthorized, classifyError(unauthorized));
      await new Promise((resolve) => setImmediate(resolve));
      expect(others.map((admission) => admission.admitted)).toEqual([false, false]);
      expect(quarantine.health.state).toBe('quarantined');
    });

    it('hands the probe to the next operation when the probe is abandoned', async () => {
      const { quarantine, probe, others } = await probing();
      probe.abandoned();
      await new Promise((resolve) => setImmediate(resolve));
      expect(others).toHaveLength(1);
      const next = others[0];
      expect(next?.admitted && next.pass.probe).toBe(true);
      expect(quarantine.health.state).toBe('probing');
    });
  });

  it('can be lifted by an operator at any time', async () => {
    const { quarantine } = setUp();
    await failWith(quarantine, unauthorized, 3);
    quarantine.lift();
    expect(quarantine.health.state).toBe('healthy');
    expect((await quarantine.admit()).admitted).toBe(true);
  });

  it('never trips with an infinite threshold', async () => {
    const clock = new ManualClock();
    const quarantine = new ConnectionQuarantine(
      'ldap',
      { failureThreshold: Number.POSITIVE_INFINITY, coolDownMs: 0 },
      clock,
    );
    await failWith(quarantine, unauthorized, 500);
    expect(quarantine.health.state).toBe('healthy');
  });
});
