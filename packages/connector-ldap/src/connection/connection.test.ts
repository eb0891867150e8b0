import { afterAll, describe, expect, it } from '@jest/globals';
import { createServer, type Socket } from 'node:net';
import { startSlapd } from '@idsync/ldap';
import { USER_SCHEMA } from '@idsync/scim';
import { startTestDirectory } from '../testing/test-directory.js';

/*
 * Connections against real slapd instances: failover across URLs, LDAPS and StartTLS verified
 * with the instance's CA, and TLS failures named as such.
 */
const directory = await startTestDirectory({ tls: true });
// Another instance's CA: a well-formed certificate that did not sign this server's certificate.
const stranger = await startSlapd({ tls: true });
afterAll(async () => {
  await directory.stop();
  await stranger.stop();
});

const ca = directory.ldap.caCertificatePem as string;
const wrongCa = stranger.caCertificatePem as string;

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('failover', () => {
  it('uses the second URL when the first server is down', async () => {
    const down = `ldap://127.0.0.1:${await closedPort()}`;
    const connector = directory.connector({ urls: [down, directory.ldap.url] });
    const created = await connector.create('User', { schemas: [USER_SCHEMA], userName: 'failover' });
    expect((await connector.get('User', created.remoteId))?.resource['userName']).toBe('failover');
    const result = await connector.testConnection();
    expect(result.ok).toBe(true);
    expect(result.checks[0]).toMatchObject({
      name: 'connect',
      ok: true,
      detail: `Reached ${directory.ldap.url}.`,
    });
  });

  it('reports unavailable, naming every URL, when no server answers', async () => {
    const first = `ldap://127.0.0.1:${await closedPort()}`;
    const second = `ldap://127.0.0.1:${await closedPort()}`;
    const connector = directory.connector({ urls: [first, second] });
    const failure = await connector
      .get('User', '5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b')
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({
      name: 'ConnectorError',
      code: 'unavailable',
      retryable: true,
      connectionLevel: true,
    });
    expect((failure as Error).message).toContain(first);
    expect((failure as Error).message).toContain(second);
  });

  it('opens a new connection after the old one was lost', async () => {
    const connector = directory.connector();
    const created = await connector.create('User', { schemas: [USER_SCHEMA], userName: 'reconnect' });
    // Drop the connector's socket, as an idle timeout or a server restart would.
    const opened = await (
      connector as unknown as { client: { connect(): Promise<{ destroy(): void }> } }
    ).client.connect();
    opened.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await connector.get('User', created.remoteId))?.remoteId).toBe(created.remoteId);
  });
});

/** A TCP server that accepts connections and never says a word, as a hung directory does. */
async function silentServer(): Promise<{ url: (scheme: string) => string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: (scheme) => `${scheme}://127.0.0.1:${port}`,
    close: async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('timeouts', () => {
  it('gives up on a server that accepts the connection but never answers the bind', async () => {
    const silent = await silentServer();
    try {
      const connector = directory.connector({ urls: [silent.url('ldap')], operationTimeoutMs: 300 });
      const error = await connector
        .get('User', '5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b')
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'timeout', retryable: true });
      const result = await connector.testConnection();
      expect(result.checks.at(-1)).toMatchObject({ name: 'bind', ok: false });
      expect(result.checks.at(-1)?.detail).toMatch(/timed out/);
    } finally {
      await silent.close();
    }
  });

  it('gives up on a TLS handshake that never completes, naming TLS', async () => {
    const silent = await silentServer();
    try {
      const connector = directory.connector({
        urls: [silent.url('ldaps')],
        connectTimeoutMs: 300,
        caCertificate: ca,
      });
      const result = await connector.testConnection();
      expect(result.checks.map((check) => [check.name, check.ok])).toEqual([
        ['connect', true],
        ['tls', false],
      ]);
      expect(result.checks[1]?.detail).toMatch(/no answer within 300 ms/);
      await expect(connector.get('User', '5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b')).rejects.toMatchObject({
        code: 'timeout',
      });
    } finally {
      await silent.close();
    }
  });
});

describe('TLS', () => {
  it('connects with LDAPS, verifying the server certificate with the CA', async () => {
    const connector = directory.connector({ urls: [directory.ldap.ldapsUrl], caCertificate: ca });
    const result = await connector.testConnection();
    expect(result.ok).toBe(true);
    expect(result.checks.find((check) => check.name === 'tls')?.detail).toMatch(/LDAPS handshake done/);
    await expect(
      connector.create('User', { schemas: [USER_SCHEMA], userName: 'over-ldaps' }),
    ).resolves.toMatchObject({ type: 'User' });
  });

  it('connects with StartTLS, verifying the server certificate with the CA', async () => {
    const connector = directory.connector({ urls: [directory.ldap.url], startTls: true, caCertificate: ca });
    const result = await connector.testConnection();
    expect(result.ok).toBe(true);
    expect(result.checks.find((check) => check.name === 'tls')?.detail).toMatch(/StartTLS done/);
    await expect(
      connector.create('User', { schemas: [USER_SCHEMA], userName: 'over-starttls' }),
    ).resolves.toMatchObject({ type: 'User' });
  });

  it.each([
    ['LDAPS', { urls: [directory.ldap.ldapsUrl] }],
    ['StartTLS', { urls: [directory.ldap.url], startTls: true }],
  ])('fails %s with a wrong CA, in a check and an error that name TLS', async (_name, settings) => {
    const connector = directory.connector({ ...settings, caCertificate: wrongCa });
    const result = await connector.testConnection();
    expect(result.ok).toBe(false);
    const failed = result.checks.find((check) => !check.ok);
    expect(failed?.name).toBe('tls');
    expect(failed?.detail).toMatch(/^TLS with .* failed: .*certificate/i);
    expect(failed?.detail).toMatch(/config\.caCertificate/);
    expect(result.checks.map((check) => check.name)).toEqual(['connect', 'tls']);
    const error = await connector
      .get('User', '5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b')
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'unavailable' });
    expect((error as Error).message).toMatch(/TLS with/);
  });

  it('fails TLS when the certificate does not carry the expected host name', async () => {
    const connector = directory.connector({
      urls: [directory.ldap.ldapsUrl],
      caCertificate: ca,
      tlsServerName: 'ldap.example.net',
    });
    const result = await connector.testConnection();
    expect(result.checks.find((check) => !check.ok)).toMatchObject({ name: 'tls' });
    expect(result.checks.find((check) => !check.ok)?.detail).toMatch(/ldap\.example\.net/);
  });
});
