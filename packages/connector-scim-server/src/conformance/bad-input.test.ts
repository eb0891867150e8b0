import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BULK_REQUEST_URN, SCIM_V2_ERROR_URN, USER_SCHEMA } from '@idsync/scim';
import { groupBody, patchBody, userBody } from '../testing/scim-fixtures.js';
import {
  startScimTestServer,
  type RequestOptions,
  type ScimTestServer,
} from '../testing/scim-test-server.js';

/**
 * Bad input gets a clear 4xx SCIM error and loses nothing: after every refused request the
 * hub holds exactly what it held before, and the change feed has no new entry.
 */
let server: ScimTestServer;
let userId: string;
let groupId: string;

beforeAll(async () => {
  server = await startScimTestServer({ plugin: { limits: { maxBodyBytes: 4096 } } });
  userId = (await server.v2('/Users', { method: 'POST', body: userBody('bad.input', { title: 'Original' }) }))
    .body.id;
  groupId = (await server.v2('/Groups', { method: 'POST', body: groupBody('bad-group', [userId]) })).body.id;
});
afterAll(async () => {
  await server.close();
});

async function snapshot() {
  const users = await server.store.hub.search('User', { startIndex: 1, count: 1000 });
  const groups = await server.store.hub.search('Group', { startIndex: 1, count: 1000 });
  return { users: users.objects, groups: groups.objects, changes: (await server.changes()).length };
}

const cases: [string, string, RequestOptions, number, string | undefined][] = [
  ['malformed JSON', '/Users', { method: 'POST', rawBody: '{"userName": "x",' }, 400, 'invalidSyntax'],
  ['an empty body', '/Users', { method: 'POST', rawBody: '' }, 400, 'invalidSyntax'],
  ['a JSON array', '/Users', { method: 'POST', body: [userBody('array')] }, 400, 'invalidSyntax'],
  [
    'a prototype-polluting body',
    '/Users',
    { method: 'POST', rawBody: '{"userName":"p","__proto__":{"admin":true}}' },
    400,
    'invalidSyntax',
  ],
  [
    'a missing userName',
    '/Users',
    { method: 'POST', body: { schemas: [USER_SCHEMA], displayName: 'No Name' } },
    400,
    'invalidValue',
  ],
  [
    'a numeric userName',
    '/Users',
    { method: 'POST', body: userBody('x', { userName: 42 }) },
    400,
    'invalidValue',
  ],
  [
    'active as "yes"',
    '/Users',
    { method: 'POST', body: userBody('yes', { active: 'yes' }) },
    400,
    'invalidValue',
  ],
  [
    'emails as a string',
    '/Users',
    { method: 'POST', body: userBody('mail', { emails: 'a@b.c' }) },
    400,
    'invalidValue',
  ],
  [
    'name as a string',
    '/Users',
    { method: 'POST', body: userBody('nm', { name: 'Ada' }) },
    400,
    'invalidValue',
  ],
  [
    'two primary emails',
    '/Users',
    {
      method: 'POST',
      body: userBody('prim', {
        emails: [
          { value: 'a@x.org', primary: true },
          { value: 'b@x.org', primary: true },
        ],
      }),
    },
    400,
    'invalidValue',
  ],
  [
    'schemas without the core schema',
    '/Users',
    { method: 'POST', body: { ...userBody('schemas'), schemas: ['urn:other'] } },
    400,
    'invalidValue',
  ],
  [
    'an oversized body',
    '/Users',
    { method: 'POST', body: userBody('big', { title: 'x'.repeat(5000) }) },
    413,
    undefined,
  ],
  [
    'a malformed member id',
    '/Groups',
    { method: 'POST', body: { ...groupBody('bad-members'), members: [{ value: 'not-an-id' }] } },
    400,
    'invalidValue',
  ],
  [
    'a PUT with a wrong type',
    `/Users/{user}`,
    { method: 'PUT', body: userBody('bad.input', { active: [true] }) },
    400,
    'invalidValue',
  ],
  [
    'a PUT without userName',
    `/Users/{user}`,
    { method: 'PUT', body: { schemas: [USER_SCHEMA], title: 'x' } },
    400,
    'invalidValue',
  ],
  [
    'a PATCH with an unknown op',
    `/Users/{user}`,
    { method: 'PATCH', body: patchBody({ op: 'merge', path: 'title', value: 'x' }) },
    400,
    'invalidSyntax',
  ],
  [
    'a PATCH with an invalid path',
    `/Users/{user}`,
    { method: 'PATCH', body: patchBody({ op: 'replace', path: 'emails[type eq', value: 'x' }) },
    400,
    'invalidPath',
  ],
  [
    'a PATCH that fails halfway',
    `/Groups/{group}`,
    {
      method: 'PATCH',
      body: patchBody(
        { op: 'replace', path: 'displayName', value: 'renamed' },
        { op: 'add', path: 'members', value: [{ value: '00000000-0000-4000-8000-000000000009' }] },
      ),
    },
    400,
    'invalidValue',
  ],
  ['an invalid filter', '/Users?filter=userName%20eq%20%22x', {}, 400, 'invalidFilter'],
  ['a non-numeric count', '/Users?count=ten', {}, 400, 'invalidValue'],
  [
    'a Bulk request that is not a BulkRequest',
    '/Bulk',
    { method: 'POST', body: { Operations: [{ method: 'DELETE', path: '/Users/{user}' }] } },
    400,
    'invalidSyntax',
  ],
  [
    'a Bulk request with a repeated bulkId',
    '/Bulk',
    {
      method: 'POST',
      body: {
        schemas: [BULK_REQUEST_URN],
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'x', data: userBody('dup.1') },
          { method: 'POST', path: '/Users', bulkId: 'x', data: userBody('dup.2') },
        ],
      },
    },
    400,
    'invalidValue',
  ],
];

describe('bad input', () => {
  it.each(cases)(
    'refuses %s with a clear error and writes nothing',
    async (_name, path, options, status, scimType) => {
      const before = await snapshot();
      const resolved = path.replace('{user}', userId).replace('{group}', groupId);
      const body =
        options.body === undefined
          ? undefined
          : JSON.parse(JSON.stringify(options.body).replaceAll('{user}', userId));
      const response = await server.v2(resolved, { ...options, ...(body !== undefined ? { body } : {}) });
      expect(response.status).toBe(status);
      expect(response.body.schemas).toEqual([SCIM_V2_ERROR_URN]);
      expect(response.body.status).toBe(String(status));
      if (scimType) expect(response.body.scimType).toBe(scimType);
      expect(response.body.detail.length).toBeGreaterThan(10);
      expect(await snapshot()).toEqual(before);
    },
  );
});

describe('unknown attributes', () => {
  it('are dropped by default, as Okta and Entra send extras', async () => {
    const response = await server.v2('/Users', {
      method: 'POST',
      body: userBody('unknown.ignored', { favouriteColour: 'teal' }),
    });
    expect(response.status).toBe(201);
    expect(response.body.favouriteColour).toBeUndefined();
    expect(JSON.stringify(await server.store.hub.get('User', response.body.id))).not.toContain('teal');
  });

  it('are refused with 400 invalidValue by a server configured to reject them', async () => {
    const strict = await startScimTestServer({ plugin: { unknownAttributes: 'reject' } });
    try {
      const response = await strict.v2('/Users', {
        method: 'POST',
        body: userBody('unknown.rejected', { favouriteColour: 'teal' }),
      });
      expect(response.status).toBe(400);
      expect(response.body.scimType).toBe('invalidValue');
      expect(response.body.detail).toContain('favouriteColour');
      expect(await strict.changes()).toHaveLength(0);
    } finally {
      await strict.close();
    }
  });
});
