import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startBenchServer, type BenchServer } from '../testing/bench-server.js';
import { benchScenarios } from './bench-scenarios.js';
import { measureScenarios } from './measure-scenarios.js';

/** The benchmark at a tiny scale: every scenario runs against a seeded hub and only succeeds. */
let server: BenchServer;
beforeAll(async () => {
  server = await startBenchServer({ store: 'pglite-memory', users: 300 });
});
afterAll(async () => {
  await server.close();
});

describe('the SCIM server benchmark', () => {
  it('seeds users the server reads and finds like any other', async () => {
    expect(server.sample.userIds.length).toBeGreaterThan(100);
    const headers = { authorization: `Bearer ${server.token}` };
    const byId = await fetch(`${server.origin}/scim/v2/Users/${server.sample.userIds[5]}`, { headers });
    const user = (await byId.json()) as { userName: string; meta: { version: string } };
    expect(user.userName).toBe(server.sample.userNames[5]);
    const filter = encodeURIComponent(`userName eq "${server.sample.userNames[7]!.toUpperCase()}"`);
    const found = (await (
      await fetch(`${server.origin}/scim/v2/Users?filter=${filter}`, { headers })
    ).json()) as { totalResults: number };
    expect(found.totalResults).toBe(1);
  });

  it('measures all five scenarios with only 2xx answers', async () => {
    const figures = await measureScenarios(server.origin, benchScenarios(server.sample, 'test'), {
      durationSeconds: 1,
      connections: 2,
      token: server.token,
    });
    expect(figures.map((f) => f.name)).toEqual([
      'get-by-id',
      'filter-username-eq',
      'filter-co-paged',
      'post-user',
      'patch-user',
    ]);
    for (const figure of figures) {
      expect(figure.requests).toBeGreaterThan(0);
      expect(figure.non2xx).toBe(0);
      expect(figure.errors).toBe(0);
    }
    expect(Object.keys(figures[3]!.statusCodes)).toEqual(['201']);
  });
});
