import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { startScimTarget } from '@idsync/scim-target';
import { scimUser } from './journey-config.js';
import { eventually, ServerProcess, tempDir } from './server-process.js';

const USERS = 120;

/** One outbound users rule, no schedules (runs are started by the test), one request at a time to a slow target. */
const config = (dataDir: string) => `
server:
  adminToken: \${ADMIN_TOKEN}
  logLevel: info
  scim:
    clients: [{ id: loader, bearerTokens: ['\${INBOUND_TOKEN}'] }]
store: { dataDir: ${dataDir} }
schedules: { outboundChanges: 'off', inboundPoll: 'off', fullReconciliation: 'off' }
connections:
  - name: target
    connector: scim
    config: { baseUrl: '\${TARGET_URL}', authMethod: oauth-bearer, bearerToken: '\${TARGET_TOKEN}' }
    execution: { maxConcurrency: 1 }
rules:
  - name: users
    direction: outbound
    connection: target
    objectType: User
    mappings:
      - { target: userName, kind: direct, source: userName }
      - { target: displayName, kind: direct, source: displayName }
`;

interface SyncAnswer {
  runs: { summary: { status: string; counts: Record<string, number> } }[];
}

async function setUp() {
  const tokens = {
    ADMIN_TOKEN: randomBytes(16).toString('hex'),
    INBOUND_TOKEN: randomBytes(16).toString('hex'),
    TARGET_TOKEN: randomBytes(16).toString('hex'),
  };
  // Every request to the target takes a while, so a run of USERS creates is still going when the test acts.
  const target = await startScimTarget({
    auth: { kind: 'bearer', token: tokens.TARGET_TOKEN },
    faults: { latency: { ms: 25 } },
  });
  const dir = await tempDir('shutdown');
  const env = { ...tokens, TARGET_URL: target.baseUrl };
  const text = config(`${dir}/data`);
  const server = await ServerProcess.start(text, env, dir);
  for (let i = 0; i < USERS; i++) {
    const created = await server.request('POST', '/scim/v2/Users', {
      token: tokens.INBOUND_TOKEN,
      contentType: 'application/scim+json',
      body: scimUser(`user${i}.x@example.com`, 'Tester'),
    });
    expect(created.status).toBe(201);
  }
  const admin = { token: tokens.ADMIN_TOKEN };
  expect(
    (
      await server.request('POST', '/api/connections/target/sync', {
        ...admin,
        body: { mode: 'full', wait: false },
      })
    ).status,
  ).toBe(202);
  await eventually('the run to be part way', async () => target.store.users.all().length >= 10);
  expect(target.store.users.all().length).toBeLessThan(USERS);
  return { target, server, dir, env, text, admin };
}

describe('stopping the server in the middle of a run', () => {
  it('on SIGTERM, cuts the run short: no new writes, the ones in flight recorded, exit 0; a restart finishes the job with no duplicate', async () => {
    const { target, server, dir, env, text, admin } = await setUp();
    try {
      expect(await server.stop('SIGTERM')).toBe(0);
      const lines = server.entries();
      const signal = lines.findIndex((entry) => entry.msg === 'signal received');
      const run = lines.findIndex((entry) => entry.msg === 'run');
      expect(signal).toBeGreaterThanOrEqual(0);
      expect(run).toBeGreaterThan(signal);
      // The run did not go on to the end: it stopped starting creates and says so.
      const stopped = lines[run] as { status: string; reason: string; counts: Record<string, number> };
      expect(stopped.status).toBe('cancelled');
      expect(stopped.reason).toContain('the server is shutting down');
      const created = stopped.counts['create.succeeded'] ?? 0;
      expect(created).toBeLessThan(USERS);
      expect(stopped.counts['create.cancelled']).toBe(USERS - created);
      expect(lines.some((entry) => entry.msg === 'shut down cleanly')).toBe(true);
      // Every create that reached the target was recorded: the target holds exactly those.
      expect(target.store.users.all()).toHaveLength(created);

      const again = await ServerProcess.start(text, env, dir);
      try {
        // Nothing half-applied: every link is confirmed, none waits on a create's intent.
        const status = await again.request<{
          successCount: number;
          pendingCount: number;
          failedCount: number;
        }>('GET', '/api/status/connections/target', admin);
        expect(status.body).toMatchObject({ successCount: created, pendingCount: 0, failedCount: 0 });
        const sync = await again.request<SyncAnswer>('POST', '/api/connections/target/sync', {
          ...admin,
          body: { mode: 'incremental' },
        });
        expect(sync.body.runs[0]!.summary.status).toBe('succeeded');
        expect(sync.body.runs[0]!.summary.counts['create.succeeded']).toBe(USERS - created);
        const userNames = target.store.users.all().map((user) => user.userName);
        expect(userNames).toHaveLength(USERS);
        expect(new Set(userNames).size).toBe(USERS);
      } finally {
        await again.stop();
      }
    } finally {
      await server.stop('SIGKILL').catch(() => undefined);
      await target.close();
    }
  }, 180_000);

  it('after a hard kill mid-run, a restart converges with no user created twice', async () => {
    const { target, server, dir, env, text, admin } = await setUp();
    try {
      await server.stop('SIGKILL');
      const before = target.store.users.all().length;
      expect(before).toBeLessThan(USERS);

      const again = await ServerProcess.start(text, env, dir);
      try {
        const sync = await again.request<SyncAnswer>('POST', '/api/connections/target/sync', {
          ...admin,
          body: { mode: 'full' },
        });
        const counts = sync.body.runs[0]!.summary.counts;
        expect(sync.body.runs[0]!.summary.status).toBe('succeeded');
        expect(Object.keys(counts).filter((key) => key.endsWith('.failed'))).toEqual([]);
        const userNames = target.store.users.all().map((user) => user.userName);
        expect(userNames).toHaveLength(USERS);
        expect(new Set(userNames).size).toBe(USERS);
      } finally {
        await again.stop();
      }
    } finally {
      await target.close();
    }
  }, 180_000);
});
