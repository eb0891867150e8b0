import { ConnectorError } from '@idsync/core';
import { isScimError } from '@idsync/scim';
import { ResultCodeError } from 'ldapts';
import { NoServerAvailable } from '../connection/connection-failure.js';
import { classifyResultCode, serverMessage } from './ldap-result.js';

const SOCKET_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Whether an error means the connection is gone (so the next call must open a new one). */
export function isConnectionLost(error: unknown): boolean {
  if (error instanceof NoServerAvailable) return true;
  if (error instanceof ResultCodeError)
    return error.code === 51 || error.code === 52 || error.code === 80 || error.code === 1;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && SOCKET_ERROR_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /socket|connection|timed out|closed/i.test(message);
}

/**
 * Turns whatever an LDAP call threw into the one error type the engine understands: the LDAP
 * result code decides the code, the message names the operation and carries the server's own
 * words. A `ConnectorError` passes unchanged; anything unrecognised is a bug and is rethrown
 * as it is, so it is never mistaken for a store answer.
 */
export function toConnectorError(error: unknown, what: string): unknown {
  if (error instanceof ConnectorError) return error;
  if (error instanceof ResultCodeError) {
    const { name, code } = classifyResultCode(error.code);
    const message = serverMessage(error);
    return new ConnectorError(
      code,
      `${what}: the server answered ${name} (${error.code})${message ? `: ${message}` : ''}.`,
      {
        remoteStatus: error.code,
        remoteMessage: message,
        cause: error,
      },
    );
  }
  if (error instanceof NoServerAvailable) {
    const furthest = error.furthest;
    if (furthest?.stage === 'bind' && furthest.cause instanceof ResultCodeError) {
      const { name, code } = classifyResultCode(furthest.cause.code);
      return new ConnectorError(
        code,
        `${what}: the bind as the configured bindDn was refused with ${name} (${furthest.cause.code}). ${error.message}.`,
        {
          remoteStatus: furthest.cause.code,
          remoteMessage: serverMessage(furthest.cause),
          cause: error,
        },
      );
    }
    const timedOut = error.failures.length > 0 && error.failures.every((failure) => failure.timedOut);
    return new ConnectorError(
      timedOut ? 'timeout' : 'unavailable',
      `${what}: no directory server could be used. ${error.message}.`,
      {
        cause: error,
      },
    );
  }
  if (isScimError(error)) {
    return new ConnectorError(error.status === 409 ? 'conflict' : 'invalid', `${what}: ${error.detail}`, {
      remoteStatus: error.status,
      remoteMessage: error.detail,
      cause: error,
    });
  }
  if (error instanceof Error && /timed out/i.test(error.message)) {
    return new ConnectorError(
      'timeout',
      `${what}: the directory did not answer in time (${error.message}).`,
      { cause: error },
    );
  }
  if (isConnectionLost(error)) {
    return new ConnectorError(
      'unavailable',
      `${what}: the connection to the directory failed (${(error as Error).message}).`,
      { cause: error },
    );
  }
  return error;
}
