import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startScimTarget, type ScimTarget } from '../start-scim-target.js';
import { userBody } from '../test-support/fixtures.js';
import { scimClient, send, type ScimClient } from '../test-support/scim-http.js';

describe('fault injection over HTTP', () => {
  let target: ScimTarget;
  let client: ScimClient;

  beforeEach(async () => {
    target = await startScimTarget();
    client = scimClient(target);
  });
  afterEach(() => target.close());

  it('fails the next N matching requests, leaves others alone, and passes a given body through', async () => {
    target.setFaults({ failNext: [{ method: 'POST', path: '/Users', count: 2, status: 503 }] });
    expect((await client.get('/Users')).status).toBe(200);
    const first = await client.post('/Users', userBody('a'));
    expect(first.status).toBe(503);
    expect(first.body).toMatchObject({ status: '503', detail: expect.stringContaining('injected fault') });
    expect((await client.post('/Users', userBody('a'))).status).toBe(503);
    expect((await client.post('/Users', userBody('a'))).status).toBe(201);
    expect(target.store.users.size).toBe(1);

    target.setFaults({
      failNext: [{ path: '/Users', count: 1, status: 502, body: { message: 'Bad gateway' } }],
    });
    const custom = await client.get('/Users');
    expect(custom.status).toBe(502);
    expect(custom.body).toEqual({ message: 'Bad gateway' });
  });

  it('answers the next N requests with 429 and Retry-After', async () => {
    target.setFaults({ throttleNext: { count: 2, retryAfterSeconds: 3 } });
    for (let index = 0; index < 2; index++) {
      const throttled = await client.get('/Users');
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('3');
    }
    expect((await client.get('/Users')).status).toBe(200);
  });

  it('injects the same random 5xx sequence on every run with the same seed', async () => {
    const run = async () => {
      target.setFaults({ seed: 99, randomErrors: { probability: 0.4 } });
      const statuses: number[] = [];
      for (let index = 0; index < 15; index++) statuses.push((await client.get('/Users')).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.some((status) => status >= 500)).toBe(true);
    expect(first.some((status) => status === 200)).toBe(true);
    expect(first.every((status) => [200, 500, 502, 503].includes(status))).toBe(true);
  });

  it('resets the connection without an answer, and logs it without a status', async () => {
    target.setFaults({ resets: { count: 1, match: { path: '/Users' } } });
    await expect(fetch(`${target.baseUrl}/Users`)).rejects.toThrow();
    expect((await client.get('/Users')).status).toBe(200);
    const [reset, next] = target.requests.all();
    expect(reset).toMatchObject({ faults: ['reset'] });
    expect(reset!.status).toBeUndefined();
    expect(next).toMatchObject({ status: 200, faults: [] });
  });

  it('sends the headers first and the body in several chunks', async () => {
    await client.post('/Users', userBody('bjensen'));
    const whole = (await client.get('/Users')).text;
    target.setFaults({ slowBody: { chunkBytes: 64, intervalMs: 5, count: 1 } });
    const response = await fetch(`${target.baseUrl}/Users`);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(whole);
    expect(target.requests.last()!.faults).toEqual(['slowBody']);
  });

  it('delays matching requests, so a slow request sent first completes last', async () => {
    target.setFaults({ latency: { ms: 300, match: { method: 'GET', path: '/Groups' } } });
    const order: string[] = [];
    const slow = client.get('/Groups').then(() => order.push('groups'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const fast = client.get('/Users').then(() => order.push('users'));
    await Promise.all([slow, fast]);
    expect(order).toEqual(['users', 'groups']);
    expect(target.requests.matching({ path: '/Groups' })[0]!.faults).toEqual(['latency']);
    expect(target.requests.matching({ path: '/Users' })[0]!.faults).toEqual([]);
  });

  it('takes faults at start and stops them with setFaults({})', async () => {
    await target.close();
    target = await startScimTarget({ faults: { failNext: [{ count: 5, status: 500 }] } });
    expect((await send(`${target.baseUrl}/Users`)).status).toBe(500);
    target.setFaults({});
    expect((await send(`${target.baseUrl}/Users`)).status).toBe(200);
  });
});
