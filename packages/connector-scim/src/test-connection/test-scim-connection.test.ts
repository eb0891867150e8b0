import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRecordingContext } from '@idsync/connector-testkit';
import { validateConnectorConfig, type TestConnectionResult } from '@idsync/core';
import { startScimTarget, type ScimTarget as SimulatedTarget } from '@idsync/scim-target';
import { createServer } from 'node:net';
import { SCIM_MANIFEST } from '../manifest.js';
import { SCIM_DEFINITION } from '../scim-definition.js';
import { BEARER, startBearerTarget } from '../testing/conformance-setup.js';
import { listBody, ScriptedServer } from '../testing/scripted-server.js';

let simulator: SimulatedTarget;
let v1: SimulatedTarget;
let scripted: ScriptedServer;

beforeAll(async () => {
  simulator = await startBearerTarget({ profile: 'rfc' });
  v1 = await startBearerTarget({ profile: 'rfc', version: '1.1', patch: false });
  scripted = await ScriptedServer.start();
});
afterAll(async () => {
  await Promise.all([simulator.close(), v1.close(), scripted.stop()]);
});

async function testWith(settings: Record<string, unknown>): Promise<TestConnectionResult> {
  const connector = SCIM_DEFINITION.create(
    validateConnectorConfig(SCIM_MANIFEST, { authMethod: 'oauth-bearer', bearerToken: BEARER, ...settings }),
    createRecordingContext(),
  );
  try {
    return await connector.testConnection();
  } finally {
    await connector.close();
  }
}

const summary = (result: TestConnectionResult) =>
  result.checks.map((check) => `${check.name}: ${check.ok ? 'ok' : 'FAILED'}`);

describe('testConnection', () => {
  it('passes every check on a working target and reports what discovery found', async () => {
    const result = await testWith({ baseUrl: simulator.baseUrl });
    expect(result.ok).toBe(true);
    expect(summary(result)).toEqual([
      'reach target: ok',
      'authentication: ok',
      'users resource: ok',
      'groups resource: ok',
      'discovery: ok',
    ]);
    expect(result.checks[4]?.detail).toMatch(
      /^From ServiceProviderConfig: PATCH yes, filter yes \(at most \d+ results\)/,
    );
  });

  it('discovers a SCIM 1.1 target at /ServiceProviderConfigs', async () => {
    const result = await testWith({ baseUrl: v1.baseUrl, scimVersion: '1.1' });
    expect(result.ok).toBe(true);
    expect(result.checks[4]?.detail).toMatch(/^From ServiceProviderConfigs: PATCH no/);
  });

  it('names a DNS failure, and stops there', async () => {
    const result = await testWith({ baseUrl: 'https://scim.no-such-host.invalid/v2' });
    expect(result.ok).toBe(false);
    expect(summary(result)).toEqual(['reach target: FAILED']);
    expect(result.checks[0]?.detail).toContain(
      'DNS: the host name "scim.no-such-host.invalid" could not be resolved',
    );
  });

  it('names a refused connection', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const result = await testWith({ baseUrl: `http://127.0.0.1:${port}/scim/v2` });
    expect(summary(result)).toEqual(['reach target: FAILED']);
    expect(result.checks[0]?.detail).toContain('Connection refused');
  });

  it('names refused credentials (401) and what to check, without the token', async () => {
    const result = await testWith({ baseUrl: simulator.baseUrl, bearerToken: 'wrong-Token-Value-8080' });
    expect(summary(result)).toEqual(['reach target: ok', 'authentication: FAILED']);
    expect(result.checks[1]?.detail).toMatch(
      /^The target refused the credentials \(401: .+\)\. Check config\.bearerToken\.$/,
    );
    expect(JSON.stringify(result)).not.toContain('wrong-Token-Value-8080');
  });

  it('names a token endpoint refusing the client secret as an authentication failure', async () => {
    const oauth = await startScimTarget({
      auth: { kind: 'oauth', clientId: 'idsync', clientSecret: 'right-Secret-1212' },
    });
    try {
      const result = await testWith({
        baseUrl: oauth.baseUrl,
        authMethod: 'oauth-client-credentials',
        oauthEndpoint: oauth.tokenUrl,
        clientId: 'idsync',
        clientSecret: 'wrong-Secret-3434',
      });
      expect(summary(result)).toEqual(['reach target: ok', 'authentication: FAILED']);
      expect(result.checks[1]?.detail).toContain('OAuth token request');
      expect(result.checks[1]?.detail).toContain('config.clientSecret');
      expect(JSON.stringify(result)).not.toContain('wrong-Secret-3434');
    } finally {
      await oauth.close();
    }
  });

  it('names the users path when it answers 404', async () => {
    const result = await testWith({ baseUrl: simulator.baseUrl, usersResource: '/People' });
    expect(summary(result)).toEqual(['reach target: ok', 'authentication: ok', 'users resource: FAILED']);
    expect(result.checks[2]?.detail).toBe(
      'GET /scim/v2/People answered 404: there is no resource endpoint there. Check config.usersResource ("People") and config.baseUrl.',
    );
  });

  it('names the groups path when it answers 404', async () => {
    const result = await testWith({ baseUrl: simulator.baseUrl, groupsResource: 'Teams' });
    expect(summary(result).slice(-1)).toEqual(['groups resource: FAILED']);
    expect(result.checks[3]?.detail).toContain('config.groupsResource ("Teams")');
  });

  it('passes discovery with a note when the target has no ServiceProviderConfig', async () => {
    scripted.script((request) =>
      /ServiceProviderConfig/.test(request.path)
        ? { status: 404, body: { detail: 'not here' } }
        : { status: 200, body: listBody([]) },
    );
    const result = await testWith({ baseUrl: `${scripted.url}/scim/v2` });
    expect(result.ok).toBe(true);
    const discovery = result.checks[4];
    expect(discovery?.name).toBe('discovery');
    expect(discovery?.detail).toContain(
      'No usable ServiceProviderConfig: ServiceProviderConfig answered 404; ServiceProviderConfigs answered 404',
    );
    expect(discovery?.detail).toContain('PATCH no');
  });

  it('fails discovery when the target answers it with a server error', async () => {
    scripted.script((request) =>
      /ServiceProviderConfig/.test(request.path)
        ? { status: 500, text: 'boom' }
        : { status: 200, body: listBody([]) },
    );
    const result = await testWith({ baseUrl: `${scripted.url}/scim/v2` });
    expect(summary(result).slice(-1)).toEqual(['discovery: FAILED']);
    expect(result.checks[4]?.detail).toContain('boom');
  });

  it('fails a resource check whose answer is not a SCIM list', async () => {
    scripted.script(() => ({ status: 200, text: 'Welcome to our portal' }));
    const result = await testWith({ baseUrl: `${scripted.url}/scim/v2` });
    expect(summary(result).slice(-1)).toEqual(['users resource: FAILED']);
    expect(result.checks[2]?.detail).toContain('not with a SCIM list response');
  });
});
