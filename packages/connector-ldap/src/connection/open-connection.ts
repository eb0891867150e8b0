import * as net from 'node:net';
import * as tls from 'node:tls';
import { Client, ResultCodeError } from 'ldapts';
import type { ConnectionSettings } from '../config.js';
import { describeResult } from '../directory/ldap-result.js';
import { ConnectionFailure, NoServerAvailable, type ConnectionStage } from './connection-failure.js';

/** A bound connection and the URL it reached. */
export interface OpenedConnection {
  readonly client: Client;
  readonly url: string;
  /** Ends the connection without waiting for the server. */
  destroy(): void;
}

/** Bind results that say the same thing on every server of the directory: trying the next URL is pointless. */
const DEFINITIVE_BIND_RESULTS = new Set([7, 8, 13, 48, 49, 50, 53]);

/**
 * Opens a bound connection, trying the URLs in order (failover). Each attempt goes through the
 * stages a person would debug — TCP connect, TLS (LDAPS handshake or StartTLS), bind — and a
 * failure names its stage, so `testConnection` can say "TLS failed" rather than "error".
 * The sockets are opened here rather than by ldapts so that the stages can be told apart, and
 * so that ldapts cannot silently reconnect unbound after the server closed the connection: its
 * connection factories hand out the prepared socket once and refuse afterwards.
 */
export async function openConnection(settings: ConnectionSettings): Promise<OpenedConnection> {
  const failures: ConnectionFailure[] = [];
  for (const url of settings.urls) {
    try {
      return await openOne(url, settings);
    } catch (error) {
      if (!(error instanceof ConnectionFailure)) throw error;
      failures.push(error);
      const code = error.cause instanceof ResultCodeError ? error.cause.code : undefined;
      if (error.stage === 'bind' && code !== undefined && DEFINITIVE_BIND_RESULTS.has(code)) break;
    }
  }
  throw new NoServerAvailable(failures);
}

/** Rejects after `ms`, running `onTimeout` first; the timer does not keep the process alive. */
async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new TimeoutSignal(ms));
    }, ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

class TimeoutSignal extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

function describe(error: unknown): string {
  if (error instanceof TimeoutSignal) return error.message;
  if (error instanceof ResultCodeError) return describeResult(error);
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
}

function fail(url: string, stage: ConnectionStage, error: unknown): ConnectionFailure {
  // ldapts reports its own operation timeout (a bind or StartTLS that never got an answer) as text.
  const timedOut =
    error instanceof TimeoutSignal || (error instanceof Error && /timed out/i.test(error.message));
  return new ConnectionFailure(url, stage, describe(error), timedOut, { cause: error });
}

function connectTcp(host: string, port: number, ms: number, url: string): Promise<net.Socket> {
  const socket = net.connect({ host, port });
  const connected = new Promise<net.Socket>((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
  return withTimeout(connected, ms, () => socket.destroy()).catch((error: unknown) => {
    socket.destroy();
    throw fail(url, 'connect', error);
  });
}

function handshake(options: tls.ConnectionOptions, ms: number): Promise<tls.TLSSocket> {
  const secure = tls.connect(options);
  const ready = new Promise<tls.TLSSocket>((resolve, reject) => {
    secure.once('secureConnect', () => resolve(secure));
    secure.once('error', reject);
  });
  return withTimeout(ready, ms, () => secure.destroy()).catch((error: unknown) => {
    secure.destroy();
    throw error;
  });
}

async function openOne(url: string, settings: ConnectionSettings): Promise<OpenedConnection> {
  const target = new URL(url);
  const secure = target.protocol === 'ldaps:';
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(target.port || (secure ? 636 : 389));
  // The name the certificate must carry; Node checks it against `host` when given a socket.
  const certificateHost = settings.tlsServerName ?? host;
  const tlsOptions: tls.ConnectionOptions = {
    ...(settings.caCertificate ? { ca: [settings.caCertificate] } : {}),
    host: certificateHost,
    ...(net.isIP(certificateHost) ? {} : { servername: certificateHost }),
    rejectUnauthorized: true,
  };
  const socket = await connectTcp(host, port, settings.connectTimeoutMs, url);
  socket.setKeepAlive(true, 30_000);
  let stream: net.Socket = socket;
  if (secure) {
    stream = await handshake({ ...tlsOptions, socket }, settings.connectTimeoutMs).catch((error: unknown) => {
      socket.destroy();
      throw fail(url, 'tls', error);
    });
  }
  let handedOut = false;
  const once = (): net.Socket => {
    if (handedOut)
      throw new Error('The connection to the directory was closed; idsync reconnects on the next call.');
    handedOut = true;
    return stream;
  };
  const client = new Client({
    url,
    timeout: settings.operationTimeoutMs,
    createConnection: once as unknown as typeof net.connect,
    createSecureConnection: ((...args: unknown[]) =>
      typeof args[0] === 'object' && args[0] !== null
        ? tls.connect(args[0] as tls.ConnectionOptions) // StartTLS upgrade of the open socket
        : once()) as unknown as typeof tls.connect,
  });
  const destroy = () => {
    stream.destroy();
    socket.destroy();
  };
  if (!secure && settings.startTls) {
    await withTimeout(client.startTLS({ ...tlsOptions }), settings.connectTimeoutMs, destroy).catch(
      (error: unknown) => {
        destroy();
        throw fail(url, 'tls', error);
      },
    );
  }
  try {
    await client.bind(settings.bindDn, settings.bindPassword.reveal());
  } catch (error) {
    destroy();
    throw fail(url, 'bind', error);
  }
  return {
    client,
    url,
    destroy: () =>
      void client
        .unbind()
        .catch(() => undefined)
        .finally(destroy),
  };
}
