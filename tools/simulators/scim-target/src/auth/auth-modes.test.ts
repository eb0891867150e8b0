import { afterEach, describe, expect, it } from '@jest/globals';
import { SCIM_V2_ERROR_URN } from '@idsync/scim';
import { startScimTarget, type ScimTarget } from '../start-scim-target.js';
import { manualClock } from '../test-support/fixtures.js';
import { send } from '../test-support/scim-http.js';

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function tokenRequest(
  target: ScimTarget,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return send(target.tokenUrl!, {
    method: 'POST',
    raw: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

describe('authentication modes', () => {
  let target: ScimTarget;
  afterEach(() => target.close());

  it('bearer: refuses a missing, wrong or non-Bearer credential with a SCIM 401 and a challenge', async () => {
    target = await startScimTarget({ auth: { kind: 'bearer', token: 'secret' } });
    const url = `${target.baseUrl}/Users`;
    const missing = await send(url);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="scim"');
    expect(missing.body).toMatchObject({ schemas: [SCIM_V2_ERROR_URN], status: '401' });
    expect(missing.body.detail).toContain('no Authorization header');
    const wrong = await send(url, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect((await send(url, { headers: { authorization: basic('a', 'secret') } })).status).toBe(401);
    expect((await send(url, { headers: { authorization: 'bearer secret' } })).status).toBe(200);
  });

  it('basic: takes the right user and password only', async () => {
    target = await startScimTarget({ auth: { kind: 'basic', username: 'admin', password: 'pa:ss' } });
    const url = `${target.baseUrl}/Users`;
    expect((await send(url, { headers: { authorization: basic('admin', 'pa:ss') } })).status).toBe(200);
    const wrong = await send(url, { headers: { authorization: basic('admin', 'pass') } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic realm="scim"/);
    expect((await send(url, { headers: { authorization: 'Bearer pa:ss' } })).status).toBe(401);
  });

  it('oauth: issues tokens for client credentials in the body or by Basic, and refuses others', async () => {
    target = await startScimTarget({ auth: { kind: 'oauth', clientId: 'idsync', clientSecret: 's3cret' } });
    expect(target.tokenUrl).toBe(`${target.origin}/oauth/token`);
    const byBody = await tokenRequest(target, {
      grant_type: 'client_credentials',
      client_id: 'idsync',
      client_secret: 's3cret',
    });
    expect(byBody.status).toBe(200);
    expect(byBody.headers.get('cache-control')).toBe('no-store');
    expect(byBody.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
    const byBasic = await tokenRequest(
      target,
      { grant_type: 'client_credentials' },
      { authorization: basic('idsync', 's3cret') },
    );
    expect(byBasic.status).toBe(200);
    const badSecret = await tokenRequest(target, {
      grant_type: 'client_credentials',
      client_id: 'idsync',
      client_secret: 'x',
    });
    expect(badSecret.status).toBe(401);
    expect(badSecret.body.error).toBe('invalid_client');
    const badGrant = await tokenRequest(target, {
      grant_type: 'password',
      client_id: 'idsync',
      client_secret: 's3cret',
    });
    expect(badGrant.status).toBe(400);
    expect(badGrant.body.error).toBe('unsupported_grant_type');
    const users = await send(`${target.baseUrl}/Users`, {
      headers: { authorization: `Bearer ${byBody.body.access_token}` },
    });
    expect(users.status).toBe(200);
  });

  it('oauth: a token stops working when it expires or is revoked, with a 401 that says why', async () => {
    const clock = manualClock();
    target = await startScimTarget({
      clock: clock.now,
      auth: { kind: 'oauth', clientId: 'idsync', clientSecret: 's3cret', tokenTtlSeconds: 60 },
    });
    const issue = async () =>
      (
        await tokenRequest(target, {
          grant_type: 'client_credentials',
          client_id: 'idsync',
          client_secret: 's3cret',
        })
      ).body.access_token as string;
    const call = (token: string) =>
      send(`${target.baseUrl}/Users`, { headers: { authorization: `Bearer ${token}` } });
    const token = await issue();
    clock.advance(59_000);
    expect((await call(token)).status).toBe(200);
    clock.advance(1_000);
    const expired = await call(token);
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toContain('expired');
    expect(expired.headers.get('www-authenticate')).toContain('error_description="The access token expired"');
    const fresh = await issue();
    expect((await call(fresh)).status).toBe(200);
    target.revokeTokens();
    const revoked = await call(fresh);
    expect(revoked.status).toBe(401);
    expect(revoked.body.detail).not.toContain('expired');
  });

  it('writes the 401 in the profile style (AWS UnauthorizedException)', async () => {
    target = await startScimTarget({
      profile: 'aws-identity-center',
      auth: { kind: 'bearer', token: 'secret' },
    });
    const answer = await send(`${target.baseUrl}/Users`, { headers: { authorization: 'Bearer wrong' } });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    expect(answer.body.scimType).toBeUndefined();
    expect(answer.body.exceptionRequestId).toEqual(expect.any(String));
  });

  it('advertises the scheme in the ServiceProviderConfig', async () => {
    target = await startScimTarget({ auth: { kind: 'basic', username: 'admin', password: 'p' } });
    const config = await send(`${target.baseUrl}/ServiceProviderConfig`, {
      headers: { authorization: basic('admin', 'p') },
    });
    expect(config.body.authenticationSchemes).toEqual([
      expect.objectContaining({ type: 'httpbasic', primary: true }),
    ]);
  });
});
