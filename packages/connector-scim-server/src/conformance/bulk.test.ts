import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BULK_REQUEST_URN, BULK_RESPONSE_URN, GROUP_SCHEMA, PATCH_OP_URN } from '@idsync/scim';
import { userBody } from '../testing/scim-fixtures.js';
import { startScimTestServer, type ScimTestServer } from '../testing/scim-test-server.js';

let server: ScimTestServer;
beforeAll(async () => {
  server = await startScimTestServer({
    plugin: { limits: { bulkMaxOperations: 5, bulkMaxPayloadBytes: 4096 } },
  });
});
afterAll(async () => {
  await server.close();
});

const bulk = (Operations: unknown[], extra: Record<string, unknown> = {}) =>
  server.v2('/Bulk', { method: 'POST', body: { schemas: [BULK_REQUEST_URN], Operations, ...extra } });

describe('Bulk (RFC 7644 §3.7)', () => {
  it('runs operations in order, resolves bulkId references in paths and data, and reports each', async () => {
    const response = await bulk([
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'team',
        data: { schemas: [GROUP_SCHEMA], displayName: 'bulk-team', members: [{ value: 'bulkId:ada' }] },
      },
      { method: 'POST', path: '/Users', bulkId: 'ada', data: userBody('bulk.ada') },
      { method: 'POST', path: '/Users', bulkId: 'bob', data: userBody('bulk.bob') },
      {
        method: 'PATCH',
        path: '/Groups/bulkId:team',
        data: {
          schemas: [PATCH_OP_URN],
          Operations: [{ op: 'add', path: 'members', value: [{ value: 'bulkId:bob' }] }],
        },
      },
    ]);
    expect(response.status).toBe(200);
    expect(response.body.schemas).toEqual([BULK_RESPONSE_URN]);
    const operations = response.body.Operations;
    expect(operations.map((o: { status: string }) => o.status)).toEqual(['201', '201', '201', '200']);
    expect(operations[0]).toMatchObject({ method: 'POST', bulkId: 'team', version: 'W/"1"' });
    expect(operations[0].location).toMatch(/\/scim\/v2\/Groups\/[0-9a-f-]{36}$/);
    const group = await server.request(new URL(operations[0].location).pathname);
    const adaId = operations[1].location.split('/').pop();
    const bobId = operations[2].location.split('/').pop();
    expect(group.body.members.map((m: { value: string }) => m.value)).toEqual([adaId, bobId]);
  });

  it('reports a failed operation with its error and goes on, until failOnErrors is reached', async () => {
    await server.v2('/Users', { method: 'POST', body: userBody('bulk.taken') });
    const response = await bulk(
      [
        { method: 'POST', path: '/Users', bulkId: 'a', data: userBody('bulk.taken') },
        { method: 'POST', path: '/Users', bulkId: 'b', data: userBody('bulk.fine') },
        { method: 'DELETE', path: '/Users/00000000-0000-4000-8000-000000000000' },
        { method: 'POST', path: '/Users', bulkId: 'c', data: userBody('bulk.never') },
      ],
      { failOnErrors: 2 },
    );
    const operations = response.body.Operations;
    expect(operations).toHaveLength(3);
    expect(operations[0]).toMatchObject({
      status: '409',
      response: { scimType: 'uniqueness', status: '409' },
    });
    expect(operations[1].status).toBe('201');
    expect(operations[2].status).toBe('404');
    expect((await server.v2('/Users?filter=userName%20eq%20%22bulk.never%22')).body.totalResults).toBe(0);
  });

  it('fails operations whose bulkId references cannot resolve: unknown, failed, circular', async () => {
    const response = await bulk([
      { method: 'PUT', path: '/Users/bulkId:nobody', data: userBody('x') },
      {
        method: 'POST',
        path: '/Users',
        bulkId: 'bad',
        data: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] },
      },
      {
        method: 'PATCH',
        path: '/Users/bulkId:bad',
        data: { schemas: [PATCH_OP_URN], Operations: [{ op: 'add', path: 'title', value: 'x' }] },
      },
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'g1',
        data: { schemas: [GROUP_SCHEMA], displayName: 'cycle-1', members: [{ value: 'bulkId:g2' }] },
      },
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'g2',
        data: { schemas: [GROUP_SCHEMA], displayName: 'cycle-2', members: [{ value: 'bulkId:g1' }] },
      },
    ]);
    const statuses = response.body.Operations.map((o: { status: string }) => o.status);
    expect(statuses).toEqual(['400', '400', '409', '409', '409']);
    expect(response.body.Operations[3].response.detail).toContain('circular');
  });

  it('refuses more operations than maxOperations, and a payload over maxPayloadSize, with 413', async () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ method: 'DELETE', path: `/Users/${i}` }));
    const tooMany = await bulk(many);
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.detail).toContain('at most 5');
    const large = await bulk([
      {
        method: 'POST',
        path: '/Users',
        bulkId: 'big',
        data: userBody('bulk.big', { title: 'x'.repeat(5000) }),
      },
    ]);
    expect(large.status).toBe(413);
    expect(large.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect((await server.v2('/Users?filter=userName%20eq%20%22bulk.big%22')).body.totalResults).toBe(0);
  });

  it('requires bulkId on POST and the BulkRequest schema', async () => {
    const noBulkId = await bulk([{ method: 'POST', path: '/Users', data: userBody('bulk.nobulkid') }]);
    expect(noBulkId.body.Operations[0]).toMatchObject({
      status: '400',
      response: { scimType: 'invalidSyntax' },
    });
    const wrongSchema = await server.v2('/Bulk', {
      method: 'POST',
      body: { schemas: ['urn:x'], Operations: [] },
    });
    expect(wrongSchema.status).toBe(400);
    expect(wrongSchema.body.scimType).toBe('invalidSyntax');
  });

  it('is advertised with its limits in ServiceProviderConfig', async () => {
    const config = await server.v2('/ServiceProviderConfig');
    expect(config.body.bulk).toEqual({ supported: true, maxOperations: 5, maxPayloadSize: 4096 });
  });
});
