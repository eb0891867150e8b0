import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ENTERPRISE_USER_SCHEMA, LIST_RESPONSE_URN, SEARCH_REQUEST_URN } from '@idsync/scim';
import { enterpriseUserBody, groupBody, userBody } from '../testing/scim-fixtures.js';
import { startScimTestServer, type ScimTestServer } from '../testing/scim-test-server.js';

let server: ScimTestServer;
const USERS = 12;

beforeAll(async () => {
  server = await startScimTestServer({ plugin: { limits: { maxCount: 5, defaultCount: 4 } } });
  for (let i = 0; i < USERS; i++) {
    const body =
      i % 2 === 0
        ? userBody(`page.${String(i).padStart(2, '0')}`)
        : enterpriseUserBody(`page.${String(i).padStart(2, '0')}`, 'Sales');
    expect((await server.v2('/Users', { method: 'POST', body })).status).toBe(201);
  }
  expect((await server.v2('/Groups', { method: 'POST', body: groupBody('page-group') })).status).toBe(201);
});
afterAll(async () => {
  await server.close();
});

const userNames = (body: { Resources: { userName: string }[] }) => body.Resources.map((r) => r.userName);

describe('paging (RFC 7644 §3.4.2.4)', () => {
  it('reports the true totalResults, not the page size, with startIndex and itemsPerPage', async () => {
    const response = await server.v2(
      '/Users?filter=userName%20sw%20%22page.%22&startIndex=3&count=2&sortBy=userName',
    );
    expect(response.body).toMatchObject({
      schemas: [LIST_RESPONSE_URN],
      totalResults: USERS,
      startIndex: 3,
      itemsPerPage: 2,
    });
    expect(userNames(response.body)).toEqual(['page.02', 'page.03']);
  });

  it('treats startIndex below 1 as 1 and a negative count as 0', async () => {
    const first = await server.v2('/Users?startIndex=-4&count=1&sortBy=userName');
    expect(first.body.startIndex).toBe(1);
    expect(userNames(first.body)).toEqual(['page.00']);
    const none = await server.v2('/Users?count=-1');
    expect(none.body).toMatchObject({ totalResults: USERS, itemsPerPage: 0, Resources: [] });
  });

  it('uses the default count when none is given and cuts a larger count to filter.maxResults', async () => {
    expect((await server.v2('/Users')).body.itemsPerPage).toBe(4);
    const capped = await server.v2('/Users?count=500');
    expect(capped.body.itemsPerPage).toBe(5);
    expect(capped.body.totalResults).toBe(USERS);
  });

  it('pages through everything exactly once', async () => {
    const seen: string[] = [];
    for (let start = 1; start <= USERS; start += 5) {
      seen.push(...userNames((await server.v2(`/Users?startIndex=${start}&count=5&sortBy=userName`)).body));
    }
    expect(seen).toEqual(Array.from({ length: USERS }, (_, i) => `page.${String(i).padStart(2, '0')}`));
  });

  it('answers any startIndex and count with exactly that window of the sorted list (property)', async () => {
    const all = Array.from({ length: USERS }, (_, i) => `page.${String(i).padStart(2, '0')}`);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -3, max: USERS + 3 }),
        fc.integer({ min: -2, max: 7 }),
        async (startIndex, count) => {
          const response = await server.v2(`/Users?sortBy=userName&startIndex=${startIndex}&count=${count}`);
          const start = Math.max(1, startIndex);
          const expected = all.slice(start - 1, start - 1 + Math.min(Math.max(0, count), 5));
          expect(response.body).toMatchObject({
            totalResults: USERS,
            startIndex: start,
            itemsPerPage: expected.length,
          });
          expect(userNames(response.body)).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('answers an empty page past the end, still with the true total', async () => {
    const response = await server.v2('/Users?startIndex=100');
    expect(response.body).toMatchObject({ totalResults: USERS, itemsPerPage: 0, Resources: [] });
  });
});

describe('sorting (RFC 7644 §3.4.2.3)', () => {
  it('sorts ascending by default and descending on request', async () => {
    const ascending = await server.v2('/Users?sortBy=userName&count=3');
    expect(userNames(ascending.body)).toEqual(['page.00', 'page.01', 'page.02']);
    const descending = await server.v2('/Users?sortBy=userName&sortOrder=descending&count=3');
    expect(userNames(descending.body)).toEqual(['page.11', 'page.10', 'page.09']);
  });

  it('refuses a bad sortOrder with 400 invalidValue', async () => {
    const response = await server.v2('/Users?sortBy=userName&sortOrder=sideways');
    expect(response.status).toBe(400);
    expect(response.body.scimType).toBe('invalidValue');
  });
});

describe('attributes and excludedAttributes (RFC 7644 §3.4.2.5)', () => {
  it('returns only the named attributes plus those returned always', async () => {
    const response = await server.v2('/Users?attributes=userName,name.givenName&count=1&sortBy=userName');
    expect(response.body.Resources[0]).toEqual({
      schemas: expect.any(Array),
      id: expect.any(String),
      userName: 'page.00',
      name: { givenName: 'Test' },
    });
  });

  it('leaves out excluded attributes but never id or schemas', async () => {
    const response = await server.v2('/Users?excludedAttributes=emails,name,id,meta&count=1&sortBy=userName');
    const user = response.body.Resources[0];
    expect(user.emails).toBeUndefined();
    expect(user.name).toBeUndefined();
    expect(user.meta).toBeUndefined();
    expect(user.id).toEqual(expect.any(String));
    expect(user.userName).toBe('page.00');
  });

  it('takes a URN-qualified extension attribute or a whole extension', async () => {
    const byAttribute = await server.v2(
      `/Users?attributes=${ENTERPRISE_USER_SCHEMA}:department&filter=userName%20eq%20%22page.01%22`,
    );
    expect(byAttribute.body.Resources[0][ENTERPRISE_USER_SCHEMA]).toEqual({ department: 'Sales' });
    expect(byAttribute.body.Resources[0].userName).toBeUndefined();
    const excluded = await server.v2(
      `/Users?excludedAttributes=${ENTERPRISE_USER_SCHEMA}&filter=userName%20eq%20%22page.01%22`,
    );
    expect(excluded.body.Resources[0][ENTERPRISE_USER_SCHEMA]).toBeUndefined();
  });

  it('applies to GET by id and to write responses', async () => {
    const created = await server.v2('/Users?attributes=userName', {
      method: 'POST',
      body: userBody('projected.write'),
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['id', 'schemas', 'userName']);
    const read = await server.v2(`/Users/${created.body.id}?excludedAttributes=emails`);
    expect(read.body.emails).toBeUndefined();
    expect(read.body.name).toEqual({ givenName: 'Test', familyName: 'projected.write' });
    await server.v2(`/Users/${created.body.id}`, { method: 'DELETE' });
  });

  it('refuses both parameters at once', async () => {
    const response = await server.v2('/Users?attributes=userName&excludedAttributes=emails');
    expect(response.status).toBe(400);
    expect(response.body.scimType).toBe('invalidValue');
  });
});

describe('POST .search (RFC 7644 §3.4.3)', () => {
  it('takes a SearchRequest at /Users/.search with filter, paging, sort and attributes', async () => {
    const response = await server.v2('/Users/.search', {
      method: 'POST',
      body: {
        schemas: [SEARCH_REQUEST_URN],
        filter: 'userName sw "page.1"',
        sortBy: 'userName',
        sortOrder: 'descending',
        startIndex: 1,
        count: 2,
        attributes: ['userName'],
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.totalResults).toBe(2);
    expect(response.body.Resources).toEqual([
      { schemas: expect.any(Array), id: expect.any(String), userName: 'page.11' },
      { schemas: expect.any(Array), id: expect.any(String), userName: 'page.10' },
    ]);
  });

  it('searches every resource type at /.search, with one total across them', async () => {
    const last = await server.v2('/.search', {
      method: 'POST',
      body: { schemas: [SEARCH_REQUEST_URN], startIndex: USERS + 1 },
    });
    expect(last.body.totalResults).toBe(USERS + 1);
    expect(last.body.Resources).toHaveLength(1);
    expect(last.body.Resources[0].displayName).toBe('page-group');
    expect(last.body.Resources[0].meta.location).toContain('/scim/v2/Groups/');
    const window = await server.v2('/.search', {
      method: 'POST',
      body: {
        schemas: [SEARCH_REQUEST_URN],
        startIndex: USERS,
        count: 2,
        attributes: ['userName', 'displayName'],
      },
    });
    expect(window.body.itemsPerPage).toBe(2);
    expect(window.body.Resources[0].userName).toEqual(expect.any(String));
    expect(window.body.Resources[1].displayName).toBe('page-group');
    const groupsOnly = await server.v2('/.search', {
      method: 'POST',
      body: { schemas: [SEARCH_REQUEST_URN], filter: 'displayName eq "page-group"' },
    });
    expect(groupsOnly.body.totalResults).toBe(1);
  });

  it('refuses a body whose schemas is not the SearchRequest URN', async () => {
    const response = await server.v2('/Users/.search', {
      method: 'POST',
      body: { schemas: ['urn:wrong'], filter: 'userName pr' },
    });
    expect(response.status).toBe(400);
    expect(response.body.scimType).toBe('invalidValue');
  });
});
