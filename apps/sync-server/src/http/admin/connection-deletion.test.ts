import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ConnectorRegistry } from '@idsync/core';
import { createCoreRegistry, USER_SCHEMA } from '@idsync/scim';
import { parseConfigText } from '../../config/load-config.js';
import { createConnectorRegistry } from '../../connectors/installed-connectors.js';
import { startSyncServer, type RunningServer } from '../../server/start-sync-server.js';

const ADMIN = 'admin-token-for-the-deletion-test';
const ACCESS_KEY = 'reference-access-key-5a6b7c8d';
let connectors: ConnectorRegistry;
let dir: string;
const logs: string[] = [];

const config = `
server: { adminToken: '${ADMIN}', logLevel: info }
schedules: { outboundChanges: 'off', inboundPoll: 'off', fullReconciliation: 'off' }
connections:
  - name: seeded
    connector: reference
    config: { name: deletion-store, accessKey: '\${SEEDED_KEY}' }
rules:
  - name: seeded-users
    direction: outbound
    connection: seeded
    objectType: User
    mappings: [{ target: userName, kind: direct, source: userName }]
  - name: seeded-groups
    direction: outbound
    connection: seeded
    objectType: Group
    mappings: [{ target: displayName, kind: direct, source: displayName }]
`;

async function start(): Promise<RunningServer> {
  const env = { PORT: '0', IDSYNC_DATA_DIR: join(dir, 'data'), SEEDED_KEY: ACCESS_KEY };
  const parsed = parseConfigText(config, 'idsync.yaml', { env, connectors, schemas: createCoreRegistry() });
  return startSyncServer({
    config: parsed,
    connectors,
    env,
    logDestination: { write: (line: string) => logs.push(line) },
  });
}

async function call<T = Record<string, unknown>>(
  server: RunningServer,
  method: string,
  path: string,
  body?: unknown,
) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as T, text };
}

beforeAll(async () => {
  connectors = await createConnectorRegistry();
  dir = await mkdtemp(join(tmpdir(), 'idsync-delete-connection-'));
});

afterAll(() => expect(logs.join('')).not.toContain(ACCESS_KEY));

describe('deleting a connection through the admin API', () => {
  it('is refused while rules use it, then removes it with its secrets, links and checkpoints, and stays deleted after a restart', async () => {
    let server = await start();
    try {
      const population = await server.store.hub.defaultPopulation();
      const ada = await server.store.hub.create('User', population.id, {
        schemas: [USER_SCHEMA],
        userName: 'ada@example.com',
      });
      const sync = await call<{ runs: { summary: { status: string } }[] }>(
        server,
        'POST',
        '/api/connections/seeded/sync',
        {
          mode: 'full',
        },
      );
      expect(sync.body.runs.map((run) => run.summary.status)).toEqual(['succeeded', 'succeeded']);
      expect((await server.store.links.get('seeded', 'User', ada.id))?.remoteId).toBeDefined();

      const refused = await call<{ error: string }>(server, 'DELETE', '/api/connections/seeded');
      expect(refused.status).toBe(409);
      expect(refused.body.error).toContain('"seeded-groups", "seeded-users"');
      expect(refused.body.error).toContain('delete those rules first');
      expect(await server.store.secrets.get('seeded', 'accessKey')).toBe(ACCESS_KEY);

      // Deleting the rules without deprovisioning releases what they provisioned; the connection
      // still has its checkpoints, and a link that another direction kept (as an inbound rule would).
      for (const rule of ['seeded-users', 'seeded-groups'])
        expect((await call(server, 'DELETE', `/api/rules/${rule}?deprovision=false`)).status).toBe(200);
      const grace = await server.store.hub.create('User', population.id, {
        schemas: [USER_SCHEMA],
        userName: 'grace@example.com',
      });
      await server.store.links.put({
        connectionId: 'seeded',
        objectType: 'User',
        hubId: grace.id,
        remoteId: 'remote-grace',
        ruleIds: ['an-inbound-rule'],
        state: 'in-sync',
        attempts: 0,
        updatedAt: grace.updatedAt,
      });
      expect(await server.store.checkpoints.get('seeded', 'User', 'outbound')).toBeDefined();

      const deleted = await call(server, 'DELETE', '/api/connections/seeded');
      expect(deleted.status).toBe(200);
      expect(deleted.body).toMatchObject({
        deleted: true,
        connection: 'seeded',
        linksRemoved: 1,
        checkpointsRemoved: 2,
        secretsRemoved: true,
        remoteObjects: expect.stringContaining('Left as they are'),
      });
      expect(deleted.text).not.toContain(ACCESS_KEY);
      expect((await call(server, 'GET', '/api/connections/seeded')).status).toBe(404);
      expect(await server.store.secrets.get('seeded', 'accessKey')).toBeUndefined();
      expect(await server.store.links.get('seeded', 'User', grace.id)).toBeUndefined();
      expect(await server.store.checkpoints.get('seeded', 'User', 'outbound')).toBeUndefined();
      expect(await server.store.checkpoints.get('seeded', 'Group', 'outbound')).toBeUndefined();
      const audit = await server.store.audit.query({ connectionId: 'seeded', limit: 5 });
      expect(audit[0]).toMatchObject({
        actor: 'admin API',
        action: 'connection.deleted',
        detail: expect.objectContaining({ linksRemoved: 1, checkpointsRemoved: 2 }),
      });
      expect((await call(server, 'DELETE', '/api/connections/seeded')).status).toBe(404);
      const status = await call<{ schedules: unknown[]; connections: unknown[] }>(
        server,
        'GET',
        '/api/status',
      );
      expect(status.body.connections).toEqual([]);
    } finally {
      await server.close();
    }

    // The file still names the connection and its rules, unchanged: they stay deleted.
    const before = logs.length;
    server = await start();
    try {
      expect((await call<unknown[]>(server, 'GET', '/api/connections')).body).toEqual([]);
      expect((await call<unknown[]>(server, 'GET', '/api/rules')).body).toEqual([]);
      const warnings = logs
        .slice(before)
        .map((line) => JSON.parse(line) as { msg: string; entry?: string })
        .filter((line) => line.msg.startsWith('in the config file but deleted through the admin API'))
        .map((line) => line.entry);
      expect(warnings).toEqual(['connection seeded', 'rule seeded-users', 'rule seeded-groups']);
    } finally {
      await server.close();
    }
  }, 120_000);
});
