import { afterEach, describe, expect, it } from '@jest/globals';
import { EngineHarness } from './engine-harness.js';
import { failureCounts, plannedKinds } from './observed-state.js';

let harness: EngineHarness;
afterEach(async () => harness?.close());

/*
 * A user deleted from the hub and created again under the same userName before the next sync
 * (a re-hire, or a delete-and-recreate by an import). The remote account still has that
 * userName and is still linked to the deleted hub object: the engine must settle on one
 * account for the new hub user, not fight over it run after run.
 */
describe('outbound: a user re-created under the same userName', () => {
  it('ends with one active account linked to the new hub user, stable over later runs', async () => {
    harness = await EngineHarness.start();
    const first = await harness.addUser('ada.lovelace@example.com', { title: 'Analyst' });
    await harness.sync();
    const account = harness.target.findByName('User', 'ada.lovelace@example.com')!.remoteId;

    await harness.store.hub.delete('User', first);
    const again = await harness.addUser('ada.lovelace@example.com', { title: 'Engineer' });

    const run = await harness.sync();
    expect(run.reason ?? '').toBe('');
    expect(failureCounts(run)).toEqual({});
    expect(run.status).toBe('succeeded');
    expect(harness.target.count('User')).toBe(1);
    expect(harness.remoteUsers().get('ada.lovelace@example.com')).toMatchObject({
      title: 'Engineer',
      active: true,
    });
    expect(await harness.store.links.get('target', 'User', again)).toMatchObject({ remoteId: account });
    expect(await harness.store.links.getByRemoteId('target', 'User', account)).toMatchObject({
      hubId: again,
    });

    // Nothing left to do, and the account does not flip between enabled and disabled.
    for (let i = 0; i < 2; i++) {
      const later = await harness.sync();
      expect(plannedKinds(later).filter((kind) => kind !== 'confirm')).toEqual([]);
      expect(harness.remoteUsers().get('ada.lovelace@example.com')?.active).toBe(true);
    }
    // No run is left open as "running".
    expect((await harness.store.runs.list('target', 20)).filter((r) => r.status === 'running')).toEqual([]);
  });
});
