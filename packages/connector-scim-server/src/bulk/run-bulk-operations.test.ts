import { describe, expect, it } from '@jest/globals';
import { ScimError } from '@idsync/scim';
import { readBulkRequest } from './bulk-request.js';
import { runBulkOperations, type BulkDispatch } from './run-bulk-operations.js';

const URN = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

/** A dispatcher that records calls and creates ids `id-1`, `id-2`… for POSTs. */
function recorder(fail: (path: string) => ScimError | undefined = () => undefined) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  let next = 0;
  const dispatch: BulkDispatch = async (request) => {
    calls.push({ method: request.method, path: request.path, body: request.body });
    const error = fail(request.path);
    if (error) throw error;
    if (request.method === 'POST')
      return { status: 201, location: `https://h/scim/v2${request.path}/id-${++next}`, etag: 'W/"1"' };
    return { status: request.method === 'DELETE' ? 204 : 200 };
  };
  return { calls, dispatch };
}

describe('runBulkOperations', () => {
  it('runs a forward reference after the POST it needs, and reports in request order', async () => {
    const request = readBulkRequest(
      {
        schemas: [URN],
        Operations: [
          { method: 'PATCH', path: '/Users/bulkId:u', data: { x: 1 } },
          { method: 'POST', path: '/Users', bulkId: 'u', data: { userName: 'u' } },
        ],
      },
      URN,
      10,
    );
    const { calls, dispatch } = recorder();
    const results = await runBulkOperations(request, dispatch);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /Users', 'PATCH /Users/id-1']);
    expect(results.map((r) => r.status)).toEqual([200, 201]);
    expect(results[1]!.location).toBe('https://h/scim/v2/Users/id-1');
  });

  it('stops after failOnErrors failures without running or reporting the rest', async () => {
    const request = readBulkRequest(
      {
        schemas: [URN],
        failOnErrors: 1,
        Operations: [
          { method: 'DELETE', path: '/Users/a' },
          { method: 'DELETE', path: '/Users/b' },
        ],
      },
      URN,
      10,
    );
    const { calls, dispatch } = recorder((path) =>
      path === '/Users/a' ? ScimError.notFound('gone') : undefined,
    );
    const results = await runBulkOperations(request, dispatch);
    expect(calls).toHaveLength(1);
    expect(results).toHaveLength(1);
    expect(results[0]!.error?.status).toBe(404);
  });

  it('turns an unexpected error into a 500 for that operation and goes on', async () => {
    const request = readBulkRequest(
      {
        schemas: [URN],
        Operations: [
          { method: 'DELETE', path: '/Users/a' },
          { method: 'DELETE', path: '/Users/b' },
        ],
      },
      URN,
      10,
    );
    const seen: unknown[] = [];
    const dispatch: BulkDispatch = async (r) => {
      if (r.path === '/Users/a') throw new Error('disk on fire');
      return { status: 204 };
    };
    const results = await runBulkOperations(request, dispatch, (error) => seen.push(error));
    expect(results.map((r) => r.status)).toEqual([500, 204]);
    expect(results[0]!.error?.detail).not.toContain('disk');
    expect(seen).toHaveLength(1);
  });

  it('refuses a request over maxOperations with 413 and a bad failOnErrors with 400', () => {
    const operations = Array.from({ length: 3 }, () => ({ method: 'DELETE', path: '/Users/x' }));
    expect(() => readBulkRequest({ schemas: [URN], Operations: operations }, URN, 2)).toThrow(
      expect.objectContaining({ status: 413 }),
    );
    expect(() => readBulkRequest({ schemas: [URN], Operations: [], failOnErrors: 0 }, URN, 2)).toThrow(
      expect.objectContaining({ scimType: 'invalidValue' }),
    );
  });
});
