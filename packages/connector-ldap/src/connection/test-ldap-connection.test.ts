import { afterAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { createRecordingContext } from '@idsync/connector-testkit';
import { lastValueFrom } from 'rxjs';
import { startTestDirectory } from '../testing/test-directory.js';

/* testConnection against a real slapd: each kind of failure is named by its check. */
const password = 'Distinctive-Secret-4711';
const directory = await startTestDirectory({ adminPassword: password });
afterAll(() => directory.stop());

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('testConnection', () => {
  it('passes every check against a working server, in debugging order', async () => {
    const result = await directory.connector().testConnection();
    expect(result.ok).toBe(true);
    expect(result.checks.map((check) => check.name)).toEqual([
      'connect',
      'tls',
      'bind',
      'base-dn',
      'search',
      'change-detection',
    ]);
    expect(result.checks.find((check) => check.name === 'tls')?.detail).toMatch(/unencrypted/);
    expect(result.checks.find((check) => check.name === 'change-detection')?.detail).toMatch(
      /read from cn=accesslog/,
    );
  });

  it('names a connect failure', async () => {
    const url = `ldap://127.0.0.1:${await closedPort()}`;
    const result = await directory.connector({ urls: [url] }).testConnection();
    expect(result.ok).toBe(false);
    expect(result.checks).toHaveLength(1);
    expect(result.checks[0]).toMatchObject({ name: 'connect', ok: false });
    expect(result.checks[0]?.detail).toMatch(
      new RegExp(`Connecting to ${url} failed: .*ECONNREFUSED.*config\\.urls`),
    );
  });

  it('names a bind failure without showing the password', async () => {
    const context = createRecordingContext();
    const result = await directory.connector({ bindPassword: `${password}-wrong` }, context).testConnection();
    expect(result.ok).toBe(false);
    expect(result.checks.map((check) => [check.name, check.ok])).toEqual([
      ['connect', true],
      ['tls', true],
      ['bind', false],
    ]);
    expect(result.checks[2]?.detail).toMatch(/invalidCredentials \(LDAP result 49\).*config\.bindPassword/);
    const everything = JSON.stringify(result) + JSON.stringify(context.lines);
    expect(everything).not.toContain(password);
  });

  it('names a missing base DN', async () => {
    const result = await directory.connector({ userBaseDn: 'ou=nobody,dc=example,dc=org' }).testConnection();
    expect(result.ok).toBe(false);
    expect(result.checks.at(-1)).toMatchObject({ name: 'base-dn', ok: false });
    expect(result.checks.at(-1)?.detail).toMatch(/ou=nobody,dc=example,dc=org does not exist/);
  });

  it('never puts the password into errors of failed operations', async () => {
    const connector = directory.connector({ bindPassword: `${password}-wrong` });
    const error = await lastValueFrom(connector.read('User')).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'unauthorized', connectionLevel: true });
    expect(String((error as Error).message)).not.toContain(password);
    expect(JSON.stringify(error)).not.toContain(password);
  });
});
