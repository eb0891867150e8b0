import { afterEach, describe, expect, it } from '@jest/globals';
import type { ConnectorError } from '@idsync/core';
import { ManualClock } from '@idsync/core';
import { createRecordingContext } from '@idsync/connector-testkit';
import { startScimTarget, type ScimTarget as SimulatedTarget } from '@idsync/scim-target';
import { createScimDefinition } from '../scim-definition.js';
import { caught } from '../testing/make-target.js';

/*
 * Every authentication method against the simulator, which checks credentials the way vendors
 * do: Basic, a static bearer token, OAuth client credentials with expiring and revocable tokens.
 */

let simulator: SimulatedTarget | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

const USER = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'auth@example.test' };
const CLIENT_SECRET = 'client-Secret-Value-6620';

async function openWith(settings: Record<string, unknown>, clock?: ManualClock) {
  const definition = createScimDefinition(clock ? { clock } : {});
  return definition.open(
    { baseUrl: simulator!.baseUrl, patchMode: 'patch', ...settings },
    createRecordingContext(),
  );
}

describe('authentication against the simulator', () => {
  it('Basic: the right pair works, a wrong password is unauthorized', async () => {
    simulator = await startScimTarget({
      auth: { kind: 'basic', username: 'svc', password: 'pw-Right-1111' },
    });
    const good = await openWith({ authMethod: 'basic', basicUser: 'svc', basicPassword: 'pw-Right-1111' });
    expect((await good.create('User', USER)).remoteId).toBeTruthy();
    await good.close();
    const bad = await openWith({ authMethod: 'basic', basicUser: 'svc', basicPassword: 'pw-Wrong-2222' });
    const error = await caught(() => bad.get('User', 'x'));
    await bad.close();
    expect((error as ConnectorError).code).toBe('unauthorized');
    expect((error as ConnectorError).message).not.toContain('pw-Wrong-2222');
  });

  it('bearer: a static token works', async () => {
    simulator = await startScimTarget({ auth: { kind: 'bearer', token: 'static-Token-3333' } });
    const connector = await openWith({ authMethod: 'oauth-bearer', bearerToken: 'static-Token-3333' });
    expect(await connector.get('User', 'absent')).toBeUndefined();
    await connector.close();
  });

  it('client credentials: one token for many requests, renewed once when the target revokes it', async () => {
    simulator = await startScimTarget({
      auth: { kind: 'oauth', clientId: 'idsync', clientSecret: CLIENT_SECRET },
    });
    const connector = await openWith({
      authMethod: 'oauth-client-credentials',
      oauthEndpoint: simulator.tokenUrl,
      clientId: 'idsync',
      clientSecret: CLIENT_SECRET,
    });
    const user = await connector.create('User', USER);
    await connector.get('User', user.remoteId);
    expect(simulator.requests.matching({ path: '/oauth/token' })).toHaveLength(1);

    simulator.revokeTokens();
    simulator.requests.clear();
    expect((await connector.get('User', user.remoteId))?.remoteId).toBe(user.remoteId);
    expect(
      simulator.requests
        .all()
        .map((request) => `${request.method} ${request.relativePath} ${request.status}`),
    ).toEqual([
      `GET /Users/${user.remoteId} 401`,
      'POST /oauth/token 200',
      `GET /Users/${user.remoteId} 200`,
    ]);
    await connector.close();
  });

  it('client credentials: an expiring token is replaced before it expires, without a 401', async () => {
    const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
    simulator = await startScimTarget({
      auth: { kind: 'oauth', clientId: 'idsync', clientSecret: CLIENT_SECRET, tokenTtlSeconds: 300 },
      clock: () => clock.now(),
    });
    const connector = await openWith(
      {
        authMethod: 'oauth-client-credentials',
        oauthEndpoint: simulator.tokenUrl,
        clientId: 'idsync',
        clientSecret: CLIENT_SECRET,
      },
      clock,
    );
    await connector.get('User', 'x');
    await clock.advanceBy(290_000); // 10 s before expiry: inside the renewal margin
    simulator.requests.clear();
    await connector.get('User', 'x');
    expect(
      simulator.requests
        .all()
        .map((request) => `${request.method} ${request.relativePath} ${request.status}`),
    ).toEqual(['POST /oauth/token 200', 'GET /Users/x 404']);
    await connector.close();
  });

  it('client credentials: a wrong secret fails at the token endpoint as unauthorized, secret hidden', async () => {
    simulator = await startScimTarget({
      auth: { kind: 'oauth', clientId: 'idsync', clientSecret: CLIENT_SECRET },
    });
    const bad = await openWith({
      authMethod: 'oauth-client-credentials',
      oauthEndpoint: simulator.tokenUrl,
      clientId: 'idsync',
      clientSecret: 'bad-Secret-4444',
    });
    const error = (await caught(() => bad.get('User', 'x'))) as ConnectorError;
    await bad.close();
    expect(simulator.requests.all().map((request) => request.relativePath)).toEqual(['/oauth/token']);
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain('OAuth token request');
    expect(error.message).not.toContain('bad-Secret-4444');
  });

  it('custom Authorization header: sent as it is, only as Authorization', async () => {
    simulator = await startScimTarget({ auth: { kind: 'bearer', token: 'custom-Token-5555' } });
    const connector = await openWith({
      authMethod: 'none',
      authTypeHeader: 'custom',
      customAuthHeader: 'Bearer custom-Token-5555',
    });
    await connector.get('User', 'x');
    // 404, not 401: the simulator took the custom value as the Authorization header.
    expect(simulator.requests.last()?.status).toBe(404);
    await connector.close();
  });
});
