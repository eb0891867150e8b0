import { ConnectorError } from '@idsync/core';

/** Why no HTTP answer came back, in the terms a person debugging a connection thinks in. */
export type TransportFailureKind = 'dns' | 'refused' | 'tls' | 'timeout' | 'reset' | 'unreachable' | 'other';

export interface TransportFailure {
  readonly kind: TransportFailureKind;
  /** The system or undici error code, e.g. `ENOTFOUND`. */
  readonly code: string | undefined;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL']);
/** OpenSSL and Node TLS codes: certificate problems and handshakes that are not TLS at all. */
const TLS_CODE = /CERT|SSL|TLS|EPROTO|SIGNATURE|ISSUER/;

function codeOf(error: unknown, depth = 0): string | undefined {
  if (error === null || typeof error !== 'object' || depth > 4) return undefined;
  const record = error as { code?: unknown; errors?: unknown; cause?: unknown };
  // Node reports a failed connect to several addresses as an AggregateError of the attempts.
  if (Array.isArray(record.errors) && record.errors.length > 0) {
    const inner = codeOf(record.errors[0], depth + 1);
    if (inner) return inner;
  }
  if (typeof record.code === 'string' && record.code !== 'UND_ERR' && record.code !== 'ERR_INVALID_ARG')
    return record.code;
  return codeOf(record.cause, depth + 1);
}

/** Reads what kind of transport failure an undici or socket error is; undefined for anything else. */
export function transportFailureOf(error: unknown): TransportFailure | undefined {
  const code = codeOf(error);
  if (code === undefined) return undefined;
  if (DNS_CODES.has(code)) return { kind: 'dns', code };
  if (code === 'ECONNREFUSED') return { kind: 'refused', code };
  if (TIMEOUT_CODES.has(code)) return { kind: 'timeout', code };
  if (RESET_CODES.has(code)) return { kind: 'reset', code };
  if (UNREACHABLE_CODES.has(code)) return { kind: 'unreachable', code };
  if (TLS_CODE.test(code)) return { kind: 'tls', code };
  if (/^E[A-Z]+$/.test(code) || code.startsWith('UND_ERR')) return { kind: 'other', code };
  return undefined;
}

/** A sentence naming the cause and what to check, for errors and connection checks. */
export function describeTransportFailure(
  failure: TransportFailure,
  origin: string,
  timeoutMs?: number,
): string {
  const host = new URL(origin).host;
  const hostname = new URL(origin).hostname;
  switch (failure.kind) {
    case 'dns':
      return `DNS: the host name "${hostname}" could not be resolved (${failure.code}). Check the host in config.baseUrl.`;
    case 'refused':
      return `Connection refused by ${host} (${failure.code}): nothing listens on that port. Check the port in config.baseUrl and that the service runs.`;
    case 'tls':
      return `TLS: the secure connection to ${host} failed (${failure.code}). Check that the URL scheme matches the port, and the server's certificate.`;
    case 'timeout':
      return failure.code === 'UND_ERR_CONNECT_TIMEOUT'
        ? `Timeout: no connection to ${host} within ${timeoutMs ?? '?'} ms (${failure.code}). Check firewalls and config.connectTimeoutMs.`
        : `Timeout: ${host} did not answer within ${timeoutMs ?? '?'} ms (${failure.code}). The service may be overloaded; see config.requestTimeoutMs.`;
    case 'reset':
      return `The connection to ${host} was closed or reset before an answer came (${failure.code}).`;
    case 'unreachable':
      return `The network cannot reach ${host} (${failure.code}).`;
    case 'other':
      return `The request to ${host} failed (${failure.code}).`;
  }
}

/**
 * A transport failure as the engine needs it: a timeout is `timeout`; everything else that
 * left us without an answer (DNS, refused, reset, TLS) is `unavailable` — retryable and
 * counted against the connection, which is what repeated failures of this kind deserve.
 */
export function transportFailureToConnectorError(
  error: unknown,
  what: string,
  origin: string,
  timeoutMs: { connect: number; request: number },
): ConnectorError | undefined {
  const failure = transportFailureOf(error);
  if (!failure) return undefined;
  const timeout = failure.code === 'UND_ERR_CONNECT_TIMEOUT' ? timeoutMs.connect : timeoutMs.request;
  const message = `${what}: ${describeTransportFailure(failure, origin, timeout)}`;
  return new ConnectorError(failure.kind === 'timeout' ? 'timeout' : 'unavailable', message, {
    ...(failure.code ? { remoteStatus: failure.code } : {}),
    cause: error,
  });
}
