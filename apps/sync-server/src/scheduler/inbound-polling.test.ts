import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { createCoreRegistry } from '@idsync/scim';
import { startScimTarget } from '@idsync/scim-target';
import { parseConfigText } from '../config/load-config.js';
import { createConnectorRegistry } from '../connectors/installed-connectors.js';
import { eventually } from '../e2e/server-process.js';
import { startSyncServer } from '../server/start-sync-server.js';

const config = `
server: { logLevel: info }
schedules: { outboundChanges: 'off', inboundPoll: 300ms, fullReconciliation: 'off' }
connections:
  - name: hr
    connector: scim
    config: { baseUrl: '\${HR_URL}', authMethod: none }
rules:
  - name: hr-in
    direction: inbound
    connection: hr
    objectType: User
    mappings:
      - { target: userName, kind: direct, source: userName }
      - { target: title, kind: direct, source: title }
`;

describe('the scheduler polling a source (in-process server, SCIM simulator as the HR system)', () => {
  it('brings new and changed source users into the hub on its own', async () => {
    const hr = await startScimTarget();
    const dir = await mkdtemp(join(tmpdir(), 'idsync-inbound-'));
    const env = { HR_URL: hr.baseUrl, IDSYNC_DATA_DIR: join(dir, 'data') };
    const connectors = await createConnectorRegistry();
    const lines: string[] = [];
    const server = await startSyncServer({
      config: parseConfigText(config, 'idsync.yaml', { env, connectors, schemas: createCoreRegistry() }),
      connectors,
      env,
      listen: false,
      logDestination: { write: (line: string) => lines.push(line) },
    });
    try {
      const ada = hr.store.users.seed({ userName: 'ada@example.com', title: 'Engineer' });
      await eventually(
        'ada in the hub',
        async () => (await server.store.hub.findByUserName('ada@example.com')) !== undefined,
      );
      hr.store.users.update(ada.id!, (current) => ({ ...current, title: 'Principal Engineer' }));
      hr.store.users.seed({ userName: 'alan@example.com', title: 'Researcher' });
      await eventually('the change and alan in the hub', async () => {
        const changed = await server.store.hub.findByUserName('ada@example.com');
        return (
          (changed?.resource as { title?: string }).title === 'Principal Engineer' &&
          (await server.store.hub.findByUserName('alan@example.com')) !== undefined
        );
      });
      const runs = lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((entry) => entry.msg === 'run');
      expect(runs.length).toBeGreaterThanOrEqual(2);
      expect(
        runs.every((run) => run.direction === 'inbound' && run.trigger === 'schedule: inbound poll'),
      ).toBe(true);
    } finally {
      await server.close();
      await hr.close();
    }
  }, 60_000);
});
