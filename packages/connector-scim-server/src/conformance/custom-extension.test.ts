import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCoreRegistry, USER_SCHEMA } from '@idsync/scim';
import { patchBody, userBody } from '../testing/scim-fixtures.js';
import { startScimTestServer, type ScimTestServer } from '../testing/scim-test-server.js';

const ACME = 'urn:acme:params:scim:schemas:extension:workforce:2.0:User';

function acmeRegistry() {
  return createCoreRegistry({
    extensions: [
      {
        resourceType: 'User',
        schema: {
          id: ACME,
          name: 'AcmeWorkforce',
          description: 'Acme workforce attributes',
          attributes: [
            {
              name: 'badgeNumber',
              type: 'string',
              multiValued: false,
              required: false,
              caseExact: false,
              mutability: 'immutable',
              returned: 'default',
              uniqueness: 'none',
            },
            {
              name: 'clearance',
              type: 'integer',
              multiValued: false,
              required: false,
              caseExact: false,
              mutability: 'readWrite',
              returned: 'default',
              uniqueness: 'none',
            },
            {
              name: 'hiredOn',
              type: 'dateTime',
              multiValued: false,
              required: false,
              caseExact: false,
              mutability: 'readWrite',
              returned: 'default',
              uniqueness: 'none',
            },
          ],
        },
      },
    ],
  });
}

let server: ScimTestServer;
beforeAll(async () => {
  server = await startScimTestServer({ registry: acmeRegistry() });
});
afterAll(async () => {
  await server.close();
});

const acmeUser = (userName: string, acme: Record<string, unknown>) => ({
  ...userBody(userName),
  schemas: [USER_SCHEMA, ACME],
  [ACME]: acme,
});

describe('custom extension schemas registered in config', () => {
  it('appear in /Schemas and on the User resource type', async () => {
    const schema = await server.v2(`/Schemas/${ACME}`);
    expect(schema.status).toBe(200);
    expect(schema.body.attributes.map((a: { name: string }) => a.name)).toEqual([
      'badgeNumber',
      'clearance',
      'hiredOn',
    ]);
    const type = await server.v2('/ResourceTypes/User');
    expect(type.body.schemaExtensions).toContainEqual({ schema: ACME, required: false });
  });

  it('are stored, returned and filterable with their declared types', async () => {
    const created = await server.v2('/Users', {
      method: 'POST',
      body: acmeUser('ext.one', { badgeNumber: 'B-1', clearance: 3, hiredOn: '2020-05-01T00:00:00Z' }),
    });
    expect(created.status).toBe(201);
    expect(created.body[ACME]).toEqual({ badgeNumber: 'B-1', clearance: 3, hiredOn: '2020-05-01T00:00:00Z' });
    await server.v2('/Users', {
      method: 'POST',
      body: acmeUser('ext.two', { badgeNumber: 'B-2', clearance: 10, hiredOn: '2023-01-01T00:00:00+02:00' }),
    });
    const filter = async (text: string) =>
      (await server.v2(`/Users?filter=${encodeURIComponent(text)}`)).body.Resources.map(
        (r: { userName: string }) => r.userName,
      ).sort();
    // 10 > 9 numerically, though "10" < "9" as text.
    expect(await filter(`${ACME}:clearance gt 9`)).toEqual(['ext.two']);
    // 2023-01-01T00:00:00+02:00 is 22:00Z on the 31st: earlier as an instant, later as text.
    expect(await filter(`${ACME}:hiredOn lt "2022-12-31T23:00:00Z"`)).toEqual(['ext.one', 'ext.two']);
    expect(await filter('badgeNumber eq "b-1"')).toEqual(['ext.one']);
  });

  it('enforce their mutability: an immutable value cannot change by PUT (400 mutability) or PATCH', async () => {
    const created = await server.v2('/Users', {
      method: 'POST',
      body: acmeUser('ext.immutable', { badgeNumber: 'B-9' }),
    });
    const put = await server.v2(`/Users/${created.body.id}`, {
      method: 'PUT',
      body: acmeUser('ext.immutable', { badgeNumber: 'B-10' }),
    });
    expect(put.status).toBe(400);
    expect(put.body.scimType).toBe('mutability');
    const patched = await server.v2(`/Users/${created.body.id}`, {
      method: 'PATCH',
      body: patchBody({ op: 'replace', path: `${ACME}:badgeNumber`, value: 'B-11' }),
    });
    expect(patched.status).toBe(400);
    expect(patched.body.scimType).toBe('mutability');
    const same = await server.v2(`/Users/${created.body.id}`, {
      method: 'PUT',
      body: acmeUser('ext.immutable', { badgeNumber: 'B-9', clearance: 1 }),
    });
    expect(same.status).toBe(200);
    expect(same.body[ACME]).toEqual({ badgeNumber: 'B-9', clearance: 1 });
  });

  it('type-check their values (400 invalidValue)', async () => {
    const response = await server.v2('/Users', {
      method: 'POST',
      body: acmeUser('ext.bad', { clearance: 'high' }),
    });
    expect(response.status).toBe(400);
    expect(response.body.scimType).toBe('invalidValue');
    expect(response.body.detail).toContain('clearance');
  });
});
