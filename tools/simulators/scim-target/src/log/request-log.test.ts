import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startScimTarget, type ScimTarget } from '../start-scim-target.js';
import { userBody } from '../test-support/fixtures.js';
import { send } from '../test-support/scim-http.js';

describe('request log', () => {
  let target: ScimTarget;
  beforeEach(async () => {
    target = await startScimTarget({ auth: { kind: 'oauth', clientId: 'idsync', clientSecret: 's3cret' } });
  });
  afterEach(() => target.close());

  it('records method, paths, query, headers without secrets, body and status, in order', async () => {
    const token = await send(target.tokenUrl!, {
      method: 'POST',
      raw: 'grant_type=client_credentials&client_id=idsync&client_secret=s3cret',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const authorization = `Bearer ${token.body.access_token}`;
    await send(`${target.baseUrl}/Users`, {
      method: 'POST',
      body: userBody('bjensen'),
      headers: { authorization, 'x-trace': 't-1' },
    });
    await send(`${target.baseUrl}/Users?filter=${encodeURIComponent('userName eq "bjensen"')}&count=5`, {
      headers: { authorization },
    });

    const [tokenCall, create, list] = target.requests.all();
    expect(tokenCall).toMatchObject({
      seq: 1,
      method: 'POST',
      path: '/oauth/token',
      relativePath: '/oauth/token',
      body: { grant_type: 'client_credentials', client_id: 'idsync', client_secret: '<redacted>' },
      status: 200,
    });
    expect(create).toMatchObject({
      seq: 2,
      method: 'POST',
      path: '/scim/v2/Users',
      relativePath: '/Users',
      status: 201,
    });
    expect(create!.headers.authorization).toBe('Bearer <redacted>');
    expect(create!.headers['x-trace']).toBe('t-1');
    expect(create!.body).toMatchObject({ userName: 'bjensen' });
    expect(list).toMatchObject({
      method: 'GET',
      query: { filter: 'userName eq "bjensen"', count: '5' },
      status: 200,
    });
    expect(JSON.stringify(target.requests.all())).not.toContain(token.body.access_token);
    expect(JSON.stringify(target.requests.all())).not.toContain('s3cret');
  });

  it('records refused requests too, and finds entries by method and path', async () => {
    await send(`${target.baseUrl}/Users/1`, { method: 'DELETE', headers: { authorization: 'Bearer wrong' } });
    await send(`${target.baseUrl}/Groups`, { headers: { authorization: 'Basic abc' } });
    expect(target.requests.matching({ method: 'DELETE', path: '/Users' })).toEqual([
      expect.objectContaining({
        relativePath: '/Users/1',
        status: 401,
        headers: expect.objectContaining({ authorization: 'Bearer <redacted>' }),
      }),
    ]);
    expect(target.requests.matching({ path: '/Groups' })[0]!.headers.authorization).toBe('Basic <redacted>');
    target.requests.clear();
    expect(target.requests.size).toBe(0);
    await send(`${target.baseUrl}/Groups`);
    expect(target.requests.last()!.seq).toBe(3);
  });

  it('keeps the raw text of a body that is not valid JSON', async () => {
    await send(`${target.baseUrl}/Users`, {
      method: 'POST',
      raw: '{"userName":',
      headers: { 'content-type': 'application/scim+json' },
    });
    expect(target.requests.last()!.status).toBe(401);
    await send(target.tokenUrl!, {
      method: 'POST',
      raw: '{oops',
      headers: { 'content-type': 'application/json' },
    });
    expect(target.requests.last()).toMatchObject({ body: '{oops', status: 400 });
  });
});
