import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ConnectorError } from '@idsync/core';
import { createRecordingContext } from '@idsync/connector-testkit';
import type { ScimTarget as SimulatedTarget } from '@idsync/scim-target';
import { openScimConnector } from '../scim-definition.js';
import type { ScimConnector } from '../scim-connector.js';
import { BEARER, sampleUser, startBearerTarget } from '../testing/conformance-setup.js';
import { caught } from '../testing/make-target.js';

/*
 * requestTimeoutMs under a second. undici's own timers tick every half second: a 300 ms timeout
 * fired after 500–1000 ms, so an answer after 450 ms got through and one after 1 s raced it.
 * These run against the simulator's latency and slow-body faults; the simulator runs in this
 * process, so its delay and the client's timeout are timers of one event loop and fire in the
 * order they are due, however busy the machine is.
 */

let simulator: SimulatedTarget;
let userId: string;

beforeAll(async () => {
  simulator = await startBearerTarget({ profile: 'rfc' });
  userId = simulator.store.users.seed(sampleUser('timeouts')).id as string;
});
beforeEach(() => simulator.setFaults({}));
afterAll(() => simulator.close());

async function connectorWith(settings: Record<string, unknown>): Promise<ScimConnector> {
  // Discovery runs before the faults are set, so only the request under test meets them.
  return openScimConnector(
    { baseUrl: simulator.baseUrl, authMethod: 'oauth-bearer', bearerToken: BEARER, ...settings },
    createRecordingContext(),
  );
}

describe('requestTimeoutMs', () => {
  it('300 ms against a target that answers after 450 ms: a timeout error naming the limit', async () => {
    const connector = await connectorWith({ requestTimeoutMs: 300 });
    simulator.setFaults({ latency: { ms: 450, match: { path: '/Users' } } });
    const error = await caught(() => connector.get('User', userId));
    expect(error).toBeInstanceOf(ConnectorError);
    expect([(error as ConnectorError).code, (error as ConnectorError).remoteStatus]).toEqual([
      'timeout',
      'UND_ERR_HEADERS_TIMEOUT',
    ]);
    expect((error as ConnectorError).message).toContain('did not answer within 300 ms');
    await connector.close();
  });

  it('a body that stalls longer than the timeout between chunks is a timeout too', async () => {
    const connector = await connectorWith({ requestTimeoutMs: 300 });
    simulator.setFaults({ slowBody: { chunkBytes: 16, intervalMs: 450, match: { path: '/Users' } } });
    const error = (await caught(() => connector.get('User', userId))) as ConnectorError;
    expect([error.code, error.remoteStatus]).toEqual(['timeout', 'UND_ERR_BODY_TIMEOUT']);
    await connector.close();
  });

  it('a body that keeps arriving is read whole, however long it takes in all', async () => {
    const connector = await connectorWith({ requestTimeoutMs: 500 });
    // About 40 chunks 20 ms apart: the whole body takes longer than 500 ms, no gap does.
    simulator.setFaults({ slowBody: { chunkBytes: 16, intervalMs: 20, match: { path: '/Users' } } });
    const user = await connector.get('User', userId);
    expect(user?.resource.userName).toBe('timeouts@example.test');
    expect(simulator.requests.last()?.faults).toContain('slowBody');
    await connector.close();
  });

  it('does not count the wait for a free connection', async () => {
    const connector = await connectorWith({ requestTimeoutMs: 400, maxConcurrency: 1 });
    simulator.setFaults({ latency: { ms: 150, match: { path: '/Users' } } });
    // One connection: the fourth request waits for three others (450 ms) before it is sent.
    const users = await Promise.all([1, 2, 3, 4].map(() => connector.get('User', userId)));
    expect(users.map((user) => user?.remoteId)).toEqual([userId, userId, userId, userId]);
    await connector.close();
  });
});
