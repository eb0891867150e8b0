import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ConnectorError } from '@idsync/core';
import { ManualClock } from '@idsync/core';
import { caught, makeTarget } from './testing/make-target.js';
import { listBody, ScriptedServer, type SeenRequest } from './testing/scripted-server.js';

let server: ScriptedServer;
beforeAll(async () => {
  server = await ScriptedServer.start();
});
afterAll(async () => {
  await server.stop();
});

const PASSWORD = 'pw-Secret-9931';
const BEARER = 'bearer-Token-5512';
const CLIENT_SECRET = 'client-Secret-7781';
const CUSTOM = 'SSWS custom-Header-Value-4410';

const scimRequests = (): SeenRequest[] =>
  server.requests.filter((request) => request.path.startsWith('/scim'));

function clientFor(settings: Record<string, unknown>, clock?: ManualClock) {
  return makeTarget({ baseUrl: `${server.url}/scim/v2`, ...settings }, clock ? { clock } : {}).target.client;
}

describe('ScimClient authentication', () => {
  it('sends no Authorization with authMethod none', async () => {
    server.script(() => ({ status: 200, body: listBody([]) }));
    const client = clientFor({ authMethod: 'none' });
    await client.request('GET', 'Users');
    expect(scimRequests()[0]?.headers.authorization).toBeUndefined();
    await client.close();
  });

  it('sends Basic with the base64 user:password pair', async () => {
    server.script(() => ({ status: 200, body: listBody([]) }));
    const client = clientFor({ authMethod: 'basic', basicUser: 'svc', basicPassword: PASSWORD });
    await client.request('GET', 'Users');
    expect(scimRequests()[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from(`svc:${PASSWORD}`).toString('base64')}`,
    );
    await client.close();
  });

  it('sends a fixed bearer token, with the scheme word the auth type header chooses', async () => {
    server.script(() => ({ status: 200, body: listBody([]) }));
    const bearer = clientFor({ authMethod: 'oauth-bearer', bearerToken: BEARER });
    await bearer.request('GET', 'Users');
    expect(scimRequests()[0]?.headers.authorization).toBe(`Bearer ${BEARER}`);
    await bearer.close();

    server.script(() => ({ status: 200, body: listBody([]) }));
    const oauthWord = clientFor({ authMethod: 'oauth-bearer', bearerToken: BEARER, authTypeHeader: 'oauth' });
    await oauthWord.request('GET', 'Users');
    expect(scimRequests()[0]?.headers.authorization).toBe(`OAuth ${BEARER}`);
    await oauthWord.close();
  });

  it('sends a custom header value as the whole Authorization header, and nowhere else', async () => {
    server.script(() => ({ status: 200, body: listBody([]) }));
    const client = clientFor({ authMethod: 'none', authTypeHeader: 'custom', customAuthHeader: CUSTOM });
    await client.request('GET', 'Users');
    const [request] = scimRequests();
    expect(request?.headers.authorization).toBe(CUSTOM);
    const elsewhere = Object.entries(request?.headers ?? {}).filter(
      ([name, value]) => name !== 'authorization' && String(value).includes('custom-Header'),
    );
    expect(elsewhere).toEqual([]);
    await client.close();
  });

  it('sends SCIM media types and a User-Agent', async () => {
    server.script(() => ({ status: 201, body: { id: '1', userName: 'a' } }));
    const client = clientFor({ authMethod: 'none' });
    await client.request('POST', 'Users', { body: { userName: 'a' } });
    const [request] = scimRequests();
    expect(request?.headers['content-type']).toBe('application/scim+json');
    expect(request?.headers.accept).toContain('application/json');
    expect(request?.headers['user-agent']).toMatch(/^idsync-connector-scim\//);
    expect(JSON.parse(request?.body ?? '')).toEqual({ userName: 'a' });
    await client.close();
  });
});

describe('ScimClient never leaks secrets', () => {
  /** A target that echoes the Authorization header it got, as some do in their errors. */
  const echoAuthorization = (status: number) => () =>
    server.script((request) =>
      request.path === '/oauth/token'
        ? { status: 200, body: { access_token: 'issued-Access-Token-3301', expires_in: 3600 } }
        : { status, body: { detail: `credentials ${String(request.headers.authorization)} rejected` } },
    );

  it.each([
    [
      'basic',
      { authMethod: 'basic', basicUser: 'svc', basicPassword: PASSWORD },
      [PASSWORD, Buffer.from(`svc:${PASSWORD}`).toString('base64')],
    ],
    ['bearer', { authMethod: 'oauth-bearer', bearerToken: BEARER }, [BEARER]],
    [
      'custom header',
      { authMethod: 'none', authTypeHeader: 'custom', customAuthHeader: CUSTOM },
      [CUSTOM, 'custom-Header-Value-4410'],
    ],
    [
      'client credentials',
      {
        authMethod: 'oauth-client-credentials',
        clientId: 'c',
        clientSecret: CLIENT_SECRET,
        oauthEndpoint: 'TOKEN',
      },
      [CLIENT_SECRET, 'issued-Access-Token-3301'],
    ],
  ])('%s: not in the error message, the remote message, nor the log', async (_name, settings, secrets) => {
    echoAuthorization(403)();
    const resolved = Object.fromEntries(
      Object.entries(settings).map(([key, value]) => [
        key,
        value === 'TOKEN' ? `${server.url}/oauth/token` : value,
      ]),
    );
    const { target, context } = makeTarget({ baseUrl: `${server.url}/scim/v2`, ...resolved });
    const error = (await caught(() => target.client.request('GET', 'Users'))) as ConnectorError;
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('********');
    const logged = JSON.stringify(context.lines);
    for (const secret of secrets) {
      expect(error.message).not.toContain(secret);
      expect(error.remoteMessage).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }
    await target.close();
  });
});

describe('ScimClient request budget', () => {
  it('spaces requests to requestsPerSecond on the injected clock', async () => {
    server.script(() => ({ status: 200, body: listBody([]) }));
    const clock = new ManualClock(0);
    const client = clientFor({ authMethod: 'none', requestsPerSecond: 1 }, clock);
    const done: number[] = [];
    const requests = [0, 1, 2].map((index) => client.request('GET', 'Users').then(() => done.push(index)));
    await requests[0];
    await clock.settle();
    expect(done).toEqual([0]);
    await clock.advanceBy(1000);
    await requests[1];
    expect(done).toEqual([0, 1]);
    await clock.advanceBy(1000);
    await Promise.all(requests);
    expect(scimRequests()).toHaveLength(3);
    await client.close();
  });
});
