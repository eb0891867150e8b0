import { afterEach, describe, expect, it } from '@jest/globals';
import { ConnectorError } from '@idsync/core';
import { EngineHarness } from './engine-harness.js';

let harness: EngineHarness;
afterEach(async () => harness?.close());

const ADA = 'ada.lovelace@example.com';
const GRACE = 'grace.hopper@example.com';
const MINUTE = 60_000;

/** A clock the test moves by hand: retry backoff is measured in minutes. */
function manualClock(start = Date.parse('2026-03-02T09:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

describe('incremental runs come back to failed objects', () => {
  it('retries a failed create once its backoff is due, without a hub change, and doubles the wait after each failure', async () => {
    const clock = manualClock();
    harness = await EngineHarness.start({ now: clock.now });
    await harness.addUser(ADA);
    await harness.addUser(GRACE);
    const refused = new ConnectorError('invalid', 'title too long', { remoteStatus: 400 });
    harness.target.faults.failForObject(GRACE, refused, ['create']);
    expect((await harness.sync('User', { mode: 'full' })).counts).toMatchObject({ 'create.failed': 1 });
    expect(await harness.linkOf(GRACE)).toMatchObject({ state: 'failed', attempts: 1 });

    // Within the first minute an incremental run leaves it alone: nothing in the hub changed.
    clock.advance(30_000);
    const early = await harness.sync('User', { mode: 'incremental' });
    expect(early.counts['source.objects'] ?? 0).toBe(0);
    expect(harness.target.faults.callCount('create')).toBe(2);

    // After a minute it is tried again — and fails again: now the wait is two minutes.
    clock.advance(MINUTE);
    expect((await harness.sync('User', { mode: 'incremental' })).counts).toMatchObject({
      'create.failed': 1,
    });
    expect(await harness.linkOf(GRACE)).toMatchObject({ state: 'failed', attempts: 2 });
    clock.advance(MINUTE + 1_000);
    await harness.sync('User', { mode: 'incremental' });
    expect(harness.target.faults.callCount('create')).toBe(3);

    // The target accepts it now; the next due retry creates it, once.
    harness.target.faults.clear();
    clock.advance(MINUTE);
    const healed = await harness.sync('User', { mode: 'incremental' });
    expect(healed.counts).toMatchObject({ 'create.succeeded': 1 });
    expect(await harness.linkOf(GRACE)).toMatchObject({ state: 'in-sync', attempts: 0 });
    expect([...harness.remoteUsers().keys()].sort()).toEqual([ADA, GRACE]);

    // In sync: later incremental runs plan nothing for it.
    clock.advance(60 * MINUTE);
    expect((await harness.sync('User', { mode: 'incremental' })).counts['source.objects'] ?? 0).toBe(0);
  });

  it('a failed object that changes in the hub is planned at once, whatever its backoff', async () => {
    const clock = manualClock();
    harness = await EngineHarness.start({ now: clock.now });
    const ada = await harness.addUser(ADA);
    harness.target.faults.failForObject(
      ADA,
      new ConnectorError('invalid', 'refused', { remoteStatus: 400 }),
      ['create'],
    );
    await harness.sync('User', { mode: 'full' });
    harness.target.faults.clear();
    await harness.updateUser(ada, { title: 'Countess' });
    const run = await harness.sync('User', { mode: 'incremental' });
    expect(run.counts).toMatchObject({ 'source.objects': 1, 'create.succeeded': 1 });
  });
});
