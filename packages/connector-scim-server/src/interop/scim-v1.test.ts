import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SCIM_V1_CORE_SCHEMA, USER_SCHEMA } from '@idsync/scim';
import { startScimTestServer, type ScimTestServer } from '../testing/scim-test-server.js';

/** SCIM 1.1 at /scim/v1, as PingFederate-era clients speak it. */
let server: ScimTestServer;
beforeAll(async () => {
  server = await startScimTestServer();
});
afterAll(async () => {
  await server.close();
});

const v1 = (path: string, options: Parameters<ScimTestServer['request']>[1] = {}) =>
  server.request(`/scim/v1${path}`, {
    ...options,
    headers: { 'content-type': 'application/json', ...options.headers },
  });

/** The seed's example of a 1.1 client's create. */
const seedUser = {
  schemas: [SCIM_V1_CORE_SCHEMA],
  userName: 'bjensen@example.com',
  name: { familyName: 'Jensen', givenName: 'Barbara', middleName: 'Jane' },
  title: 'Tour Guide',
  displayName: 'Babs Jensen',
  preferredLanguage: 'en-US',
  phoneNumbers: [
    { value: '555-555-8377', type: 'work', primary: 'true' },
    { value: '555-555-4444', type: 'mobile', primary: 'false' },
  ],
  userType: 'Employee',
};

describe('SCIM 1.1', () => {
  it('accepts the seed example, stores it in canonical 2.0 form and returns it in 1.1 form with its id', async () => {
    const created = await v1('/Users', { method: 'POST', body: seedUser });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/json/);
    const id = created.body.id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers.get('location')).toBe(`${server.origin}/scim/v1/Users/${id}`);
    expect(created.body).toMatchObject({
      schemas: [SCIM_V1_CORE_SCHEMA],
      userName: 'bjensen@example.com',
      title: 'Tour Guide',
      displayName: 'Babs Jensen',
      preferredLanguage: 'en-US',
      userType: 'Employee',
      name: { familyName: 'Jensen', givenName: 'Barbara', middleName: 'Jane' },
      meta: { location: `${server.origin}/scim/v1/Users/${id}`, version: 'W/"1"' },
    });
    expect(created.body.meta.resourceType).toBeUndefined();

    const stored = await server.store.hub.get('User', id);
    expect(stored?.resource.schemas).toEqual([USER_SCHEMA]);
    expect(stored?.resource.phoneNumbers).toEqual([
      { value: '555-555-8377', type: 'work', primary: true },
      { value: '555-555-4444', type: 'mobile', primary: false },
    ]);

    const read = await v1(`/Users/${id}`);
    expect(read.body.phoneNumbers[0].primary).toBe(true);
    // The same user, read through the 2.0 mount.
    const v2 = await server.v2(`/Users/${id}`);
    expect(v2.body.schemas).toEqual([USER_SCHEMA]);
    expect(v2.body.meta.location).toBe(`${server.origin}/scim/v2/Users/${id}`);
  });

  it('lists in the 1.1 form with a true total', async () => {
    await v1('/Users', { method: 'POST', body: { ...seedUser, userName: 'second@example.com' } });
    const list = await v1(`/Users?filter=${encodeURIComponent('userName co "example.com"')}&count=1`);
    expect(list.body).toMatchObject({
      schemas: [SCIM_V1_CORE_SCHEMA],
      totalResults: 2,
      itemsPerPage: 1,
      startIndex: 1,
    });
    expect(list.body.Resources[0].schemas).toEqual([SCIM_V1_CORE_SCHEMA]);
  });

  it('applies a 1.1 PATCH: partial resource, meta.attributes to clear, operation "delete" on a value', async () => {
    const created = await v1('/Users', {
      method: 'POST',
      body: { ...seedUser, userName: 'patch.v1@example.com' },
    });
    const id = created.body.id;
    const patched = await v1(`/Users/${id}`, {
      method: 'PATCH',
      body: {
        schemas: [SCIM_V1_CORE_SCHEMA],
        title: 'Senior Tour Guide',
        phoneNumbers: [{ value: '555-555-4444', type: 'mobile', operation: 'delete' }],
        meta: { attributes: ['userType'] },
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.title).toBe('Senior Tour Guide');
    expect(patched.body.userType).toBeUndefined();
    expect(patched.body.phoneNumbers).toEqual([{ value: '555-555-8377', type: 'work', primary: true }]);
  });

  it('answers errors in the 1.1 form', async () => {
    const duplicate = await v1('/Users', { method: 'POST', body: seedUser });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.Errors).toEqual([
      { code: '409', description: expect.stringContaining('uniqueness') },
    ]);
    const unauthenticated = await v1('/Users', { token: null });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.body.Errors[0].code).toBe('401');
    const badFilter = await v1('/Users?filter=userName%20zz%20%22x%22');
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.Errors[0].description).toMatch(/^invalidFilter: /);
  });

  it('serves /ServiceProviderConfigs in the 1.1 form', async () => {
    const config = await v1('/ServiceProviderConfigs');
    expect(config.status).toBe(200);
    expect(config.body).toMatchObject({
      schemas: [SCIM_V1_CORE_SCHEMA],
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000 },
      xmlDataFormat: { supported: false },
    });
  });

  it('takes a 1.1 Bulk request', async () => {
    const response = await v1('/Bulk', {
      method: 'POST',
      body: {
        schemas: [SCIM_V1_CORE_SCHEMA],
        Operations: [
          {
            method: 'POST',
            path: '/Users',
            bulkId: 'one',
            data: { ...seedUser, userName: 'bulk.v1@example.com' },
          },
        ],
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.Operations[0]).toMatchObject({ bulkId: 'one', status: { code: '201' } });
    expect(response.body.Operations[0].location).toContain('/scim/v1/Users/');
  });
});
