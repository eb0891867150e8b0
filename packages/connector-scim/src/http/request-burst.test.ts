import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@idsync/core';
import type { ScimTarget as SimulatedTarget } from '@idsync/scim-target';
import { BEARER, startBearerTarget } from '../testing/conformance-setup.js';
import { makeTarget } from '../testing/make-target.js';

/*
 * The connector's request budget against a target limit of 50 a second, on a virtual clock:
 * time moves only when the test moves it, so what went out by a given moment is exact. A
 * bucket that started full (a second's worth) let twice the rate out in a run's first second.
 */

let simulator: SimulatedTarget;
beforeAll(async () => {
  simulator = await startBearerTarget({ profile: 'rfc' });
});
afterAll(() => simulator.close());

/**
 * Starts `count` requests through a client on `clock` and returns how many have settled so
 * far, as a function. Each is a GET of a user that does not exist (a 404 is an answer too).
 */
function startRequests(settings: Record<string, unknown>, clock: ManualClock, count: number) {
  const { target } = makeTarget(
    { baseUrl: simulator.baseUrl, authMethod: 'oauth-bearer', bearerToken: BEARER, ...settings },
    { clock },
  );
  let settled = 0;
  const all = Array.from({ length: count }, (_, index) =>
    target.client.exchange('GET', `Users/budget-${index}`).finally(() => settled++),
  );
  return { settled: () => settled, all, close: () => target.close() };
}

/** GETs of users the simulator has received since its log was cleared. */
const arrived = () => simulator.requests.matching({ method: 'GET', path: '/Users' }).length;

/**
 * Waits until every request let out so far has been answered: nothing more can go out while
 * the virtual clock stands still, so once the count of answers stops moving over a few round
 * trips to the simulator (which a request sent earlier would have beaten) the traffic is over.
 */
async function quiet(settled: () => number): Promise<void> {
  let stable = 0;
  let last = -1;
  for (let round = 0; round < 200 && stable < 3; round++) {
    await fetch(`${simulator.baseUrl}/ServiceProviderConfig`).then((response) => response.text());
    const now = settled();
    stable = now === last && now === arrived() ? stable + 1 : 0;
    last = now;
  }
}

describe('requestsPerSecond with the default burst', () => {
  it('lets one request out at the start, and at most rate + 1 in the first second', async () => {
    simulator.requests.clear();
    const clock = new ManualClock(Date.parse('2026-03-01T00:00:00Z'));
    const run = startRequests({ requestsPerSecond: 48 }, clock, 150);
    await quiet(run.settled);
    expect([run.settled(), arrived()]).toEqual([1, 1]);

    await clock.advanceBy(1000);
    await quiet(run.settled);
    // 48 a second plus the one of the start: within the target's 50, where a bucket that
    // started full sent 96.
    expect(arrived()).toBeGreaterThanOrEqual(48);
    expect(arrived()).toBeLessThanOrEqual(49);

    await clock.advanceBy(1000);
    await quiet(run.settled);
    expect(arrived()).toBeLessThanOrEqual(49 + 48);
    await clock.runUntilIdle();
    await Promise.all(run.all);
    expect(arrived()).toBe(150);
    await run.close();
  });

  it('requestBurst lets that many out back to back', async () => {
    simulator.requests.clear();
    const clock = new ManualClock(Date.parse('2026-03-01T00:00:00Z'));
    const run = startRequests({ requestsPerSecond: 48, requestBurst: 10 }, clock, 30);
    await quiet(run.settled);
    expect([run.settled(), arrived()]).toEqual([10, 10]);
    await clock.runUntilIdle();
    await Promise.all(run.all);
    expect(arrived()).toBe(30);
    await run.close();
  });
});
