import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SCIM_V2_ERROR_URN } from '@idsync/scim';
import { hashScimSecret } from '../auth/scim-secret-hash.js';
import { userBody } from '../testing/scim-fixtures.js';
import { startScimTestServer, type ScimTestServer } from '../testing/scim-test-server.js';

let server: ScimTestServer;
const OLD_TOKEN = 'rotating-old-token-000000';
const NEW_TOKEN = 'rotating-new-token-111111';
const SLOW_TOKEN = 'limited-token-2222222222';
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

beforeAll(async () => {
  server = await startScimTestServer({
    clients: [
      { id: 'rotating', bearerTokenHashes: [hashScimSecret(OLD_TOKEN), hashScimSecret(NEW_TOKEN)] },
      {
        id: 'legacy',
        basic: { username: 'pingfed', passwordHash: hashScimSecret('correct horse', 'scrypt') },
      },
      {
        id: 'limited',
        bearerTokenHashes: [hashScimSecret(SLOW_TOKEN)],
        rateLimit: { requestsPerSecond: 0.01, burst: 3 },
      },
    ],
    plugin: { limits: { maxBodyBytes: 2048 } },
  });
});
afterAll(async () => {
  await server.close();
});

describe('authentication', () => {
  it.each([
    ['no credentials', null, undefined],
    ['a wrong token', 'wrong-token', undefined],
    ['a malformed header', null, 'Bearer'],
    ['a wrong Basic password', null, basic('pingfed', 'wrong horse')],
    ['an unknown scheme', null, 'Digest abc'],
  ])('answers %s with 401, WWW-Authenticate and a SCIM error body', async (_case, token, authorization) => {
    const response = await server.v2('/Users', {
      token,
      ...(authorization !== undefined ? { headers: { authorization } } : {}),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer realm="idsync"');
    expect(response.body).toMatchObject({ schemas: [SCIM_V2_ERROR_URN], status: '401' });
  });

  it('checks credentials before anything else: an unknown path or a huge body gets 401', async () => {
    expect((await server.v2('/Nothing', { token: null })).status).toBe(401);
    expect(
      (
        await server.v2('/Users', {
          token: null,
          method: 'POST',
          body: userBody('x', { title: 'y'.repeat(5000) }),
        })
      ).status,
    ).toBe(401);
  });

  it('accepts every token of a client, for rotation', async () => {
    expect((await server.v2('/Users', { token: OLD_TOKEN })).status).toBe(200);
    expect((await server.v2('/Users', { token: NEW_TOKEN })).status).toBe(200);
  });

  it('accepts HTTP Basic against a scrypt hash', async () => {
    const response = await server.v2('/Users', {
      token: null,
      headers: { authorization: basic('pingfed', 'correct horse') },
    });
    expect(response.status).toBe(200);
  });
});

describe('limits', () => {
  it('answers 429 with Retry-After once a client has used its burst', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const response = await server.v2('/Users', { token: SLOW_TOKEN });
      statuses.push(response.status);
      if (response.status === 429) {
        retryAfter = response.headers.get('retry-after');
        expect(response.body).toMatchObject({ schemas: [SCIM_V2_ERROR_URN], status: '429' });
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Another client is not affected.
    expect((await server.v2('/Users')).status).toBe(200);
  });

  it('refuses a body over maxBodyBytes with 413 and stores nothing', async () => {
    const response = await server.v2('/Users', {
      method: 'POST',
      body: userBody('too.big', { title: 'y'.repeat(3000) }),
    });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ schemas: [SCIM_V2_ERROR_URN], status: '413' });
    expect(response.body.detail).toContain('2048');
    expect((await server.v2('/Users?filter=userName%20eq%20%22too.big%22')).body.totalResults).toBe(0);
  });
});
