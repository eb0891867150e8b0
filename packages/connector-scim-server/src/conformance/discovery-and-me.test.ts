import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  LIST_RESPONSE_URN,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  USER_SCHEMA,
} from '@idsync/scim';
import { hashScimSecret } from '../auth/scim-secret-hash.js';
import { patchBody, userBody } from '../testing/scim-fixtures.js';
import { startScimTestServer, type ScimTestServer } from '../testing/scim-test-server.js';

let server: ScimTestServer;
const ME_TOKEN = 'me-token-abcdef0123456789';

beforeAll(async () => {
  server = await startScimTestServer({
    clients: [{ id: 'person', bearerTokenHashes: [hashScimSecret(ME_TOKEN)], meUserName: 'Me.Myself' }],
  });
});
afterAll(async () => {
  await server.close();
});

describe('discovery (RFC 7644 §4)', () => {
  it('serves ServiceProviderConfig with what the server supports', async () => {
    const response = await server.v2('/ServiceProviderConfig');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
      patch: { supported: true },
      filter: { supported: true, maxResults: 1000 },
      sort: { supported: true },
      etag: { supported: true },
      changePassword: { supported: false },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
      meta: {
        resourceType: 'ServiceProviderConfig',
        location: `${server.origin}/scim/v2/ServiceProviderConfig`,
      },
    });
  });

  it('lists ResourceTypes and serves each by id', async () => {
    const list = await server.v2('/ResourceTypes');
    expect(list.body.schemas).toEqual([LIST_RESPONSE_URN]);
    expect(list.body.totalResults).toBe(2);
    const user = list.body.Resources.find((r: { id: string }) => r.id === 'User');
    expect(user).toMatchObject({
      schemas: [RESOURCE_TYPE_SCHEMA],
      endpoint: '/Users',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
    });
    expect((await server.v2('/ResourceTypes/Group')).body.schema).toBe(GROUP_SCHEMA);
    expect((await server.v2('/ResourceTypes/Printer')).status).toBe(404);
  });

  it('lists Schemas and serves each by URN', async () => {
    const list = await server.v2('/Schemas');
    const ids = list.body.Resources.map((s: { id: string }) => s.id);
    expect(ids).toEqual(expect.arrayContaining([USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE_USER_SCHEMA]));
    const user = await server.v2(`/Schemas/${USER_SCHEMA}`);
    expect(user.body.schemas).toEqual([SCHEMA_SCHEMA]);
    const userName = user.body.attributes.find((a: { name: string }) => a.name === 'userName');
    expect(userName).toMatchObject({ uniqueness: 'server', caseExact: false, required: true });
    const encoded = await server.v2(`/Schemas/${encodeURIComponent(ENTERPRISE_USER_SCHEMA)}`);
    expect(encoded.body.id).toBe(ENTERPRISE_USER_SCHEMA);
    expect((await server.v2('/Schemas/urn:nothing')).status).toBe(404);
  });

  it.each(['/ServiceProviderConfig', '/ResourceTypes', '/Schemas'])(
    'refuses a filter on %s with 403',
    async (path) => {
      const response = await server.v2(`${path}?filter=${encodeURIComponent('id eq "User"')}`);
      expect(response.status).toBe(403);
      expect(response.body.status).toBe('403');
    },
  );
});

describe('/Me (RFC 7644 §3.11)', () => {
  it('answers 501 for a client that is not linked to a user', async () => {
    const response = await server.v2('/Me');
    expect(response.status).toBe(501);
    expect(response.body.detail).toContain('meUserName');
  });

  it('stands for the linked user: GET, PATCH and 404 while the user does not exist', async () => {
    expect((await server.v2('/Me', { token: ME_TOKEN })).status).toBe(404);
    const created = await server.v2('/Users', { method: 'POST', body: userBody('me.myself') });
    const me = await server.v2('/Me', { token: ME_TOKEN });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(created.body.id);
    expect(me.headers.get('location')).toBe(`${server.origin}/scim/v2/Users/${created.body.id}`);
    const patched = await server.v2('/Me', {
      token: ME_TOKEN,
      method: 'PATCH',
      body: patchBody({ op: 'replace', path: 'displayName', value: 'Me Myself' }),
    });
    expect(patched.body.displayName).toBe('Me Myself');
    expect(
      (await server.v2('/Me', { token: ME_TOKEN, method: 'POST', body: userBody('me.other') })).status,
    ).toBe(501);
  });
});
