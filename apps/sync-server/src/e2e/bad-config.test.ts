import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ServerProcess, tempDir } from './server-process.js';

/** Starts the built server on a config text that must be refused; returns its exit code and output. */
async function refused(
  configText: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  const dir = await tempDir('bad-config');
  const file = join(dir, 'idsync.yaml');
  await writeFile(file, configText);
  const server = ServerProcess.spawn(file, { IDSYNC_DATA_DIR: join(dir, 'data'), ...env }, dir);
  const code = await server.waitForExit();
  return { code, output: server.log() };
}

describe('the server refuses a bad config file, saying what and where', () => {
  it('names an unknown key with its line and the likely intended key', async () => {
    const { code, output } = await refused('server:\n  prot: 8080\n');
    expect(code).toBe(2);
    expect(output).toContain('line 2, server.prot: is not a known setting. Did you mean "port"?');
  }, 60_000);

  it('names a missing environment variable and the key that needs it, without starting', async () => {
    const { code, output } = await refused(
      'connections:\n  - name: crm\n    connector: scim\n    config:\n      baseUrl: ${CRM_URL}\n      authMethod: none\n',
    );
    expect(code).toBe(2);
    expect(output).toMatch(
      /line 5, connections\.crm\.config\.baseUrl: refers to the environment variable CRM_URL, which is not set\. Set CRM_URL/,
    );
    expect(output).not.toContain('listening');
  }, 60_000);

  it('checks connector settings against the connector and never prints a secret given in the environment', async () => {
    const config =
      'connections:\n  - name: crm\n    connector: scim\n    config:\n      baseUrl: ${CRM_URL}\n      authMethod: ${CRM_TOKEN}\n';
    const { code, output } = await refused(config, {
      CRM_URL: 'not a url',
      CRM_TOKEN: 'tok-5f1e2d3c4b5a69788796',
    });
    expect(code).toBe(2);
    expect(output).toContain('connections.crm.config.baseUrl');
    expect(output).toContain('connections.crm.config.authMethod');
    expect(output).not.toContain('tok-5f1e2d3c4b5a69788796');
  }, 60_000);

  it('says how to make a config file when there is none', async () => {
    const dir = await tempDir('no-config');
    const server = ServerProcess.spawn(join(dir, 'missing.yaml'), {}, dir);
    expect(await server.waitForExit()).toBe(2);
    expect(server.log()).toMatch(
      /missing\.yaml has 1 problem:\n {2}- \(file\): does not exist\. Create one with `idsync init`/,
    );
  }, 60_000);
});
