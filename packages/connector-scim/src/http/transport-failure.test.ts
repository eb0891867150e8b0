import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConnectorError } from '@idsync/core';
import { createServer } from 'node:net';
import { caught, makeTarget } from '../testing/make-target.js';
import { ScriptedServer } from '../testing/scripted-server.js';
import { transportFailureOf } from './transport-failure.js';

let server: ScriptedServer;
beforeAll(async () => {
  server = await ScriptedServer.start();
});
afterAll(async () => {
  await server.stop();
});

/** A port that was just free: a server bound it and let go. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function failureOf(baseUrl: string, settings: Record<string, unknown> = {}): Promise<ConnectorError> {
  const { target } = makeTarget({ baseUrl, authMethod: 'none', ...settings });
  try {
    const error = await caught(() => target.client.request('GET', 'Users'));
    expect(error).toBeInstanceOf(ConnectorError);
    return error as ConnectorError;
  } finally {
    await target.close();
  }
}

describe('transport failures become ConnectorErrors naming the cause', () => {
  it('DNS: an unresolvable host is unavailable and says DNS', async () => {
    const error = await failureOf('https://scim.idsync-test.invalid/v2');
    expect(error.code).toBe('unavailable');
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(
      /^GET Users: DNS: the host name "scim\.idsync-test\.invalid" could not be resolved/,
    );
  });

  it('refused: a closed port is unavailable and says refused', async () => {
    const port = await closedPort();
    const error = await failureOf(`http://127.0.0.1:${port}/v2`);
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain(`Connection refused by 127.0.0.1:${port}`);
    expect(error.remoteStatus).toBe('ECONNREFUSED');
  });

  it('reset: a connection closed without an answer is unavailable', async () => {
    server.script(() => ({ destroy: true }));
    const error = await failureOf(`${server.url}/v2`);
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/closed or reset/);
  });

  it('timeout: no answer within requestTimeoutMs is a timeout', async () => {
    server.script(() => ({ hang: true }));
    const error = await failureOf(`${server.url}/v2`, { requestTimeoutMs: 200 });
    expect(error.code).toBe('timeout');
    expect(error.connectionLevel).toBe(true);
    expect(error.message).toContain('did not answer within 200 ms');
  });

  it('TLS: speaking TLS to a plain HTTP port names TLS', async () => {
    server.script(() => ({ status: 200, body: {} }));
    const error = await failureOf(server.url.replace('http:', 'https:') + '/v2');
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('TLS: the secure connection');
  });

  it('5xx answers are unavailable and keep the target’s message', async () => {
    server.script(() => ({ status: 503, text: 'Down for maintenance' }));
    const error = await failureOf(`${server.url}/v2`);
    expect([error.code, error.remoteStatus, error.remoteMessage]).toEqual([
      'unavailable',
      503,
      'Down for maintenance',
    ]);
  });
});

describe('transportFailureOf', () => {
  it('reads the code through AggregateError and cause chains', () => {
    const refused = Object.assign(new Error('connect'), { code: 'ECONNREFUSED' });
    expect(transportFailureOf(new AggregateError([refused]))?.kind).toBe('refused');
    expect(transportFailureOf(new Error('fetch failed', { cause: refused }))?.kind).toBe('refused');
  });

  it('ignores errors that are not about the transport', () => {
    expect(transportFailureOf(new TypeError('x is not a function'))).toBeUndefined();
    expect(transportFailureOf(Object.assign(new Error('bad'), { code: 'ERR_INVALID_URL' }))).toBeUndefined();
  });
});
