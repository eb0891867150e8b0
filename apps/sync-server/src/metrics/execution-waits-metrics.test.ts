import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { createCoreRegistry, USER_SCHEMA } from '@idsync/scim';
import { startScimTarget } from '@idsync/scim-target';
import { parseConfigText } from '../config/load-config.js';
import { createConnectorRegistry } from '../connectors/installed-connectors.js';
import { startSyncServer } from '../server/start-sync-server.js';

const ADMIN = 'admin-token-for-the-metrics-test';
const TARGET_TOKEN = 'target-token-for-the-metrics-test';

/** A connection with a tight rate limit (5 a second, one at a time) to a target that throttles its first create. */
const config = (baseUrl: string) => `
server: { adminToken: '${ADMIN}', logLevel: warn }
schedules: { outboundChanges: 'off', inboundPoll: 'off', fullReconciliation: 'off' }
connections:
  - name: target
    connector: scim
    config: { baseUrl: '${baseUrl}', authMethod: oauth-bearer, bearerToken: '${TARGET_TOKEN}' }
    execution: { maxConcurrency: 2, requestsPerSecond: 5, burst: 1 }
rules:
  - name: users
    direction: outbound
    connection: target
    objectType: User
    mappings: [{ target: userName, kind: direct, source: userName }]
`;

/** The value of one sample of the Prometheus text, 0 when the series is absent. */
function sample(text: string, metric: string, labels: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${metric}{${labels}}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('/metrics: execution waits', () => {
  it('reports rate-limit and Retry-After waits apart, per connection', async () => {
    const target = await startScimTarget({
      auth: { kind: 'bearer', token: TARGET_TOKEN },
      faults: { throttleNext: { count: 1, retryAfterSeconds: 1, match: { method: 'POST' } } },
    });
    const dir = await mkdtemp(join(tmpdir(), 'idsync-metrics-'));
    const connectors = await createConnectorRegistry();
    const env = { PORT: '0', IDSYNC_DATA_DIR: join(dir, 'data') };
    const parsed = parseConfigText(config(target.baseUrl), 'idsync.yaml', {
      env,
      connectors,
      schemas: createCoreRegistry(),
    });
    const server = await startSyncServer({
      config: parsed,
      connectors,
      env,
      logDestination: { write: () => undefined },
    });
    try {
      const population = await server.store.hub.defaultPopulation();
      for (const name of ['ada', 'grace', 'alan', 'edsger'])
        await server.store.hub.create('User', population.id, {
          schemas: [USER_SCHEMA],
          userName: `${name}@example.com`,
        });
      const sync = await fetch(`${server.url}/api/connections/target/sync`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ mode: 'full' }),
      });
      const answer = (await sync.json()) as {
        runs: { summary: { status: string; counts: Record<string, number> } }[];
      };
      expect(answer.runs[0]!.summary).toMatchObject({
        status: 'succeeded',
        counts: expect.objectContaining({ 'create.succeeded': 4 }),
      });
      expect(target.store.users.all()).toHaveLength(4);

      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      const seconds = (reason: string) =>
        sample(metrics, 'idsync_execution_wait_seconds_total', `connection="target",reason="${reason}"`);
      const count = (reason: string) =>
        sample(metrics, 'idsync_execution_waits_total', `connection="target",reason="${reason}"`);
      // Four creates, one token at a time at five a second: the later ones waited for tokens.
      expect(count('rate-limit')).toBeGreaterThan(0);
      expect(seconds('rate-limit')).toBeGreaterThan(0);
      // The 429 paused the whole connection: a create waiting for a token then waited for the pause.
      expect(count('retry-after')).toBeGreaterThan(0);
      expect(seconds('retry-after')).toBeGreaterThan(0);
      expect(metrics).toContain('# HELP idsync_execution_wait_seconds_total');
    } finally {
      await server.close();
      await target.close();
    }
  }, 60_000);
});
