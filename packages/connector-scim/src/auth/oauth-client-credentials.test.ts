import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConnectorError, ManualClock } from '@idsync/core';
import { caught, makeTarget } from '../testing/make-target.js';
import { listBody, ScriptedServer, type SeenRequest } from '../testing/scripted-server.js';

let server: ScriptedServer;
beforeAll(async () => {
  server = await ScriptedServer.start();
});
afterAll(async () => {
  await server.stop();
});

const BEARER = 'bearer-Token-5512';
const CLIENT_SECRET = 'client-Secret-7781';

const scimRequests = (): SeenRequest[] =>
  server.requests.filter((request) => request.path.startsWith('/scim'));
const tokenRequests = (): SeenRequest[] =>
  server.requests.filter((request) => request.path === '/oauth/token');

function clientFor(settings: Record<string, unknown>, clock?: ManualClock) {
  return makeTarget({ baseUrl: `${server.url}/scim/v2`, ...settings }, clock ? { clock } : {}).target.client;
}

describe('ScimClient OAuth client credentials', () => {
  const settings = {
    authMethod: 'oauth-client-credentials',
    clientId: 'idsync-client',
    clientSecret: CLIENT_SECRET,
    oauthScopes: 'scim:read,scim:write',
  };

  /** A token endpoint issuing token-1, token-2… and a SCIM endpoint accepting only `valid` tokens. */
  function scriptOAuth(options: { expiresIn?: number; valid?: (token: string) => boolean } = {}): void {
    let issued = 0;
    server.script((request) => {
      if (request.path === '/oauth/token') {
        issued += 1;
        return {
          status: 200,
          body: {
            access_token: `token-${issued}`,
            token_type: 'Bearer',
            expires_in: options.expiresIn ?? 3600,
          },
        };
      }
      const token = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
      if (options.valid && !options.valid(token))
        return { status: 401, body: { detail: 'token not accepted' } };
      return { status: 200, body: listBody([]) };
    });
  }

  it('requests a token with client_secret_basic and the scopes, then uses it', async () => {
    scriptOAuth();
    const client = clientFor({ ...settings, oauthEndpoint: `${server.url}/oauth/token` });
    await client.request('GET', 'Users');
    const [token] = tokenRequests();
    expect(token?.method).toBe('POST');
    expect(token?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(token?.headers.authorization).toBe(
      `Basic ${Buffer.from(`idsync-client:${CLIENT_SECRET}`).toString('base64')}`,
    );
    const form = new URLSearchParams(token?.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('scope')).toBe('scim:read scim:write');
    expect(form.get('client_secret')).toBeNull();
    expect(scimRequests()[0]?.headers.authorization).toBe('Bearer token-1');
    await client.close();
  });

  it('sends the client credentials in the form with client_secret_post', async () => {
    scriptOAuth();
    const client = clientFor({
      ...settings,
      oauthEndpoint: `${server.url}/oauth/token`,
      oauthClientAuthentication: 'post',
    });
    await client.request('GET', 'Users');
    const form = new URLSearchParams(tokenRequests()[0]?.body);
    expect([form.get('client_id'), form.get('client_secret')]).toEqual(['idsync-client', CLIENT_SECRET]);
    expect(tokenRequests()[0]?.headers.authorization).toBeUndefined();
    await client.close();
  });

  it('caches the token across requests, including concurrent ones', async () => {
    scriptOAuth();
    const client = clientFor({ ...settings, oauthEndpoint: `${server.url}/oauth/token` });
    await Promise.all([
      client.request('GET', 'Users'),
      client.request('GET', 'Groups'),
      client.request('GET', 'Users'),
    ]);
    await client.request('GET', 'Users');
    expect(tokenRequests()).toHaveLength(1);
    expect(scimRequests().every((request) => request.headers.authorization === 'Bearer token-1')).toBe(true);
    await client.close();
  });

  it('renews the token shortly before it expires', async () => {
    scriptOAuth({ expiresIn: 600 });
    const clock = new ManualClock(Date.UTC(2025, 0, 1));
    const client = clientFor({ ...settings, oauthEndpoint: `${server.url}/oauth/token` }, clock);
    await client.request('GET', 'Users');
    await clock.advanceBy(500_000); // 100 s left: still used
    await client.request('GET', 'Users');
    expect(tokenRequests()).toHaveLength(1);
    await clock.advanceBy(50_000); // 50 s left, inside the renewal margin of 60 s
    await client.request('GET', 'Users');
    expect(tokenRequests()).toHaveLength(2);
    expect(scimRequests().map((request) => request.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-1',
      'Bearer token-2',
    ]);
    await client.close();
  });

  it('renews the token once when the target answers 401, and retries the request', async () => {
    scriptOAuth({ valid: (token) => token !== 'token-1' });
    const client = clientFor({ ...settings, oauthEndpoint: `${server.url}/oauth/token` });
    const response = await client.request('GET', 'Users');
    expect(response.status).toBe(200);
    expect(tokenRequests()).toHaveLength(2);
    expect(scimRequests().map((request) => request.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
    await client.close();
  });

  it('gives up after one renewal: a second 401 is unauthorized', async () => {
    scriptOAuth({ valid: () => false });
    const client = clientFor({ ...settings, oauthEndpoint: `${server.url}/oauth/token` });
    const error = await caught(() => client.request('GET', 'Users'));
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('unauthorized');
    expect(tokenRequests()).toHaveLength(2);
    expect(scimRequests()).toHaveLength(2);
    await client.close();
  });

  it('does not retry a 401 with a fixed bearer token', async () => {
    server.script(() => ({ status: 401, body: { detail: 'bad token' } }));
    const client = clientFor({ authMethod: 'oauth-bearer', bearerToken: BEARER });
    const error = (await caught(() => client.request('GET', 'Users'))) as ConnectorError;
    expect(error.code).toBe('unauthorized');
    expect(scimRequests()).toHaveLength(1);
    await client.close();
  });

  it('reports a token endpoint refusing the client as unauthorized, naming the settings to check', async () => {
    server.script(() => ({
      status: 400,
      body: { error: 'invalid_client', error_description: 'Client authentication failed' },
    }));
    const client = clientFor({ ...settings, oauthEndpoint: `${server.url}/oauth/token` });
    const error = (await caught(() => client.request('GET', 'Users'))) as ConnectorError;
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain('Client authentication failed');
    expect(error.message).toContain('config.clientSecret');
    expect(error.message).not.toContain(CLIENT_SECRET);
    expect(scimRequests()).toHaveLength(0);
    await client.close();
  });

  it('reports a token answer without access_token', async () => {
    server.script(() => ({ status: 200, body: { token_type: 'Bearer' } }));
    const client = clientFor({ ...settings, oauthEndpoint: `${server.url}/oauth/token` });
    const error = (await caught(() => client.request('GET', 'Users'))) as ConnectorError;
    expect([error.code, error.message.includes('access_token')]).toEqual(['unauthorized', true]);
    await client.close();
  });
});
