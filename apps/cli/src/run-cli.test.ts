import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startScimTarget, type ScimTarget } from '@idsync/scim-target';
import { openStore } from '@idsync/store';
import { loadServerConfig, startSyncServer } from '@idsync/sync-server';
import type { CliIo } from './cli-io.js';
import { runCli } from './run-cli.js';

const TOKEN = 'target-token-0123456789abcdef';
const ADMIN = 'admin-token-0123456789abcdef';
let target: ScimTarget;
let dir: string;
let configFile: string;
let env: Record<string, string>;

const config = `
server:
  adminToken: \${ADMIN}
store: { dataDir: ./data }
schedules: { outboundChanges: 'off', inboundPoll: 'off', fullReconciliation: 'off' }
connections:
  - name: app
    connector: scim
    config: { baseUrl: '\${TARGET_URL}', authMethod: oauth-bearer, bearerToken: '\${TARGET_TOKEN}' }
    preferences: { removeAction: delete, allowDeprovision: true }
rules:
  - name: everyone
    direction: outbound
    connection: app
    objectType: User
    mappings:
      - { target: userName, kind: direct, source: userName }
      - { target: title, kind: direct, source: title }
`;

/** Runs `idsync …` in-process and returns its exit code and what it printed. */
async function idsync(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    env,
    cwd: dir,
  };
  const code = await runCli(argv, io);
  return { code, out: out.join(''), err: err.join('') };
}

beforeAll(async () => {
  target = await startScimTarget({ auth: { kind: 'bearer', token: TOKEN } });
  dir = await mkdtemp(join(tmpdir(), 'idsync-cli-'));
  configFile = join(dir, 'idsync.yaml');
  await writeFile(configFile, config);
  env = { ADMIN, TARGET_TOKEN: TOKEN, TARGET_URL: target.baseUrl, IDSYNC_DATA_DIR: join(dir, 'data') };
  const store = await openStore({ dataDir: join(dir, 'data', 'pglite'), env: {} });
  const population = await store.hub.defaultPopulation();
  for (const [userName, title] of [
    ['ada@example.com', 'Engineer'],
    ['alan@example.com', 'Researcher'],
  ]) {
    await store.hub.create('User', population.id, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName,
      title,
    });
  }
  await store.close();
});

afterAll(async () => {
  await target.close();
});

describe('idsync on a config file', () => {
  it('validates the file', async () => {
    const { code, out } = await idsync('validate', '--config', configFile);
    expect(code).toBe(0);
    expect(out).toBe(`${configFile} is valid: 1 connection(s), 1 rule(s).\n`);
  });

  it('reports a bad file with exit code 2 and the key to fix', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, config.replace('objectType: User', 'objectType: Person'));
    const { code, err } = await idsync('validate', '--config', bad);
    expect(code).toBe(2);
    expect(err).toMatch(
      /rules\.everyone\.objectType: has a value that is not allowed\. Use one of: "User", "Group"\./,
    );
  });

  it('plans, syncs, shows the status, explains, and plans a deprovision with a non-zero exit code', async () => {
    const plan = await idsync('plan', '--config', configFile);
    expect(plan.code).toBe(0);
    expect(plan.out).toMatch(/create\s+ada@example\.com/);
    expect(plan.out).toContain('Nothing would be disabled or deleted.');
    expect(target.store.users.all()).toHaveLength(0);

    const sync = await idsync('sync', '--config', configFile);
    expect(sync.code).toBe(0);
    expect(sync.out).toContain('app outbound User (full): succeeded, create.succeeded 2');
    expect(
      target.store.users
        .all()
        .map((u) => u.userName)
        .sort(),
    ).toEqual(['ada@example.com', 'alan@example.com']);

    const status = await idsync('status', '--config', configFile);
    expect(status.out).toMatch(/app\s+in-sync\s+healthy\s+2\s+0\s+0\s+2/);

    const explain = await idsync('explain', 'ada@example.com', '--config', configFile);
    expect(explain.code).toBe(0);
    expect(explain.out).toContain('✓ in scope of rule everyone');
    expect(explain.out).toMatch(/title\s+Engineer\s+direct title\s+everyone/);
    expect(explain.out).toContain('a sync now would change nothing.');

    const store = await openStore({ dataDir: join(dir, 'data', 'pglite'), env: {} });
    const alan = await store.hub.findByUserName('alan@example.com');
    await store.hub.delete('User', alan!.id);
    await store.close();
    const removal = await idsync('plan', '--config', configFile, '--json');
    expect(removal.code).toBe(3);
    const json = JSON.parse(removal.out) as {
      deprovisions: number;
      runs: { operations: { kind: string; label?: string }[] }[];
    };
    expect(json.deprovisions).toBe(1);
    expect(json.runs[0]!.operations.find((op) => op.kind === 'delete')).toBeDefined();
  }, 120_000);

  it('works the same against a running server, and says when the token is missing', async () => {
    const { config: loaded, connectors } = await loadServerConfig(configFile, { ...env, PORT: '0' });
    const server = await startSyncServer({
      config: loaded,
      connectors,
      env: { ...env, PORT: '0', IDSYNC_DATA_DIR: join(dir, 'remote-data') },
      logDestination: { write: () => undefined },
    });
    try {
      const status = await idsync('status', '--server', server.url!, '--token', ADMIN);
      expect(status.code).toBe(0);
      expect(status.out).toMatch(/^CONNECTION\s+STATE/);
      expect(status.out).toContain('app');
      const refused = await idsync('status', '--server', server.url!);
      expect(refused.code).toBe(4);
      expect(refused.err).toContain('Pass --token or set IDSYNC_ADMIN_TOKEN');
      const test = await idsync('connector', 'test', 'app', '--server', server.url!, '--token', ADMIN);
      expect(test.code).toBe(0);
      expect(test.out).toContain('The connection works.');
    } finally {
      await server.close();
    }
  }, 60_000);

  it('writes a starter config that validates once its variables are set, and never overwrites one', async () => {
    const init = await idsync('init', 'starter.yaml');
    expect(init.code).toBe(0);
    const text = await readFile(join(dir, 'starter.yaml'), 'utf8');
    expect(text.split('\n')[0]).toMatch(
      /^# yaml-language-server: \$schema=.*apps\/sync-server\/schema\/idsync-config\.schema\.json$/,
    );
    env = {
      ...env,
      IDSYNC_ADMIN_TOKEN: ADMIN,
      SCIM_INBOUND_TOKEN: 'inbound-token-0123456789',
      SAAS_SCIM_URL: 'https://scim.example.com/v2',
      SAAS_SCIM_TOKEN: 'x',
    };
    expect((await idsync('validate', '--config', join(dir, 'starter.yaml'))).code).toBe(0);
    const again = await idsync('init', 'starter.yaml');
    expect(again.code).toBe(1);
    expect(again.err).toContain('pass --force');
  });

  it('refuses to serve a bad config file, with exit code 2 and the problem', async () => {
    const bad = join(dir, 'bad-serve.yaml');
    await writeFile(bad, 'server:\n  port: eighty\n');
    const serve = await idsync('serve', '--config', bad);
    expect(serve.code).toBe(2);
    expect(serve.err).toContain('server.port: should be a number, but is string.');
  });

  it('answers an unknown connection and an unknown user with a plain message', async () => {
    const plan = await idsync('plan', 'nope', '--config', configFile);
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('There is no connection named "nope". Known: app.');
    const explain = await idsync('explain', 'nobody@example.com', '--config', configFile);
    expect(explain.code).toBe(1);
    expect(explain.err).toContain('No hub user has the id, userName or email "nobody@example.com"');
  }, 60_000);
});
