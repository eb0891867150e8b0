import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ConnectorRegistry } from '@idsync/core';
import { createCoreRegistry } from '@idsync/scim';
import { parseConfigText } from '../../config/load-config.js';
import { createConnectorRegistry } from '../../connectors/installed-connectors.js';
import { startSyncServer, type RunningServer } from '../../server/start-sync-server.js';

const ADMIN = 'admin-token-for-the-api-test-0123';
const ACCESS_KEY = 'reference-access-key-9f8e7d6c';
const NEW_KEY = 'another-access-key-1a2b3c4d5e';
let connectors: ConnectorRegistry;
let dir: string;
const logs: string[] = [];

const config = `
server: { adminToken: '${ADMIN}', logLevel: debug }
schedules: { outboundChanges: 'off', inboundPoll: 'off', fullReconciliation: 'off' }
connections:
  - name: seeded
    connector: reference
    config: { name: seeded-store, accessKey: '\${SEEDED_KEY}' }
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
  token = ADMIN,
) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as T, text };
}

beforeAll(async () => {
  connectors = await createConnectorRegistry();
  dir = await mkdtemp(join(tmpdir(), 'idsync-admin-'));
});

const answers: string[] = [];
afterAll(() => {
  const everything = `${logs.join('')}\n${answers.join('\n')}`;
  expect(everything).not.toContain(ACCESS_KEY);
  expect(everything).not.toContain(NEW_KEY);
  expect(everything).not.toContain(ADMIN);
});

describe('managing connections and rules through the admin API', () => {
  it('creates, reads, updates and tests connections and rules, refuses bad ones, and keeps them across a restart', async () => {
    let server = await start();
    try {
      const created = await call(server, 'POST', '/api/connections', {
        name: 'made-by-api',
        connector: 'reference',
        config: { name: 'api-store', accessKey: NEW_KEY },
      });
      answers.push(created.text);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'made-by-api',
        origin: 'api',
        config: { name: 'api-store', accessKey: '********' },
      });

      // A secret sent back as the placeholder keeps its stored value; the connection still authenticates.
      const updated = await call(server, 'PUT', '/api/connections/made-by-api', {
        connector: 'reference',
        config: { name: 'api-store', accessKey: '********', pageSize: 50 },
      });
      answers.push(updated.text);
      expect(updated.body).toMatchObject({ config: { accessKey: '********', pageSize: 50 } });
      const test = await call<{ ok: boolean }>(server, 'POST', '/api/connections/made-by-api/test');
      answers.push(test.text);
      expect(test.body.ok).toBe(true);

      const duplicate = await call(server, 'POST', '/api/connections', {
        name: 'made-by-api',
        connector: 'reference',
        config: { name: 'x', accessKey: 'y' },
      });
      expect(duplicate.status).toBe(409);
      const invalid = await call<{ issues: { key: string }[] }>(server, 'POST', '/api/connections', {
        name: 'Bad Name',
        connector: 'referenc',
        config: {},
        extra: 1,
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.issues.map((issue) => issue.key)).toEqual(
        expect.arrayContaining(['name', 'extra']),
      );
      const wrongConnector = await call<{ issues: { key: string; fix: string }[] }>(
        server,
        'POST',
        '/api/connections',
        { name: 'other', connector: 'referenc', config: {} },
      );
      expect(wrongConnector.body.issues[0]).toMatchObject({
        key: 'connections.other.connector',
        fix: expect.stringContaining('Did you mean "reference"?'),
      });

      const rule = {
        name: 'api-users',
        direction: 'outbound',
        connection: 'made-by-api',
        objectType: 'User',
        mappings: [{ target: 'userName', kind: 'direct', source: 'userName' }],
      };
      expect((await call(server, 'POST', '/api/rules', rule)).status).toBe(201);
      const badRule = await call<{ issues: { key: string }[] }>(server, 'POST', '/api/rules', {
        ...rule,
        name: 'broken',
        connection: 'nowhere',
      });
      expect(badRule.status).toBe(400);
      expect(badRule.body.issues[0]!.key).toBe('rules.broken.connection');
      const renamed = await call(server, 'PUT', '/api/rules/api-users', { ...rule, enabled: false });
      expect(renamed.body).toMatchObject({ name: 'api-users', enabled: false, origin: 'api' });
      expect((await call(server, 'GET', '/api/rules/nothing-here')).status).toBe(404);
      expect(
        (await call(server, 'GET', '/api/connections', undefined, 'wrong-token-0123456789')).status,
      ).toBe(401);
    } finally {
      await server.close();
    }

    server = await start();
    try {
      const list = await call<{ name: string; origin: string; config: Record<string, unknown> }[]>(
        server,
        'GET',
        '/api/connections',
      );
      answers.push(list.text);
      expect(list.body.map((c) => [c.name, c.origin])).toEqual([
        ['made-by-api', 'api'],
        ['seeded', 'file'],
      ]);
      expect(list.body.every((c) => c.config.accessKey === '********')).toBe(true);
      const rules = await call<{ name: string; enabled: boolean }[]>(server, 'GET', '/api/rules');
      expect(rules.body).toEqual([expect.objectContaining({ name: 'api-users', enabled: false })]);
      const test = await call<{ ok: boolean }>(server, 'POST', '/api/connections/made-by-api/test');
      expect(test.body.ok).toBe(true);
      const status = await call<{ connections: { connectionId: string; state: string }[] }>(
        server,
        'GET',
        '/api/status',
      );
      expect(status.body.connections.map((c) => [c.connectionId, c.state])).toEqual([
        ['made-by-api', 'never-synced'],
        ['seeded', 'never-synced'],
      ]);
    } finally {
      await server.close();
    }
  }, 120_000);
});
