import { isConnectorError, type ConnectorErrorCode } from '@idsync/core';
import { ConformanceFailure } from './conformance-failure.js';

/** What the engine does with each code (see `retryable` and `connectionLevel` of ConnectorError). */
const ENGINE_REACTION: Readonly<Record<ConnectorErrorCode, string>> = {
  'not-found': 'knows the object is gone (no retry)',
  conflict: 'knows the object already exists and can correlate with it (no retry)',
  invalid: 'marks this one object failed and moves on (no retry)',
  unauthorized: 'counts it against the connection, which is quarantined if it keeps happening (no retry)',
  forbidden: 'counts it against the connection, which is quarantined if it keeps happening (no retry)',
  'rate-limited': 'waits (retryAfterMs when given) and retries, without holding it against the connection',
  unavailable: 'retries with backoff and counts it against the connection',
  timeout: 'retries with backoff and counts it against the connection',
  unsupported: 'gives up on this request (no retry)',
  'stale-token': 'drops the checkpoint and runs a full reconciliation',
};

/**
 * Runs `action` and requires it to throw a `ConnectorError` with `code`. The failure names
 * what happened instead and what the engine would have done with the right code.
 */
export async function expectConnectorError(
  action: () => Promise<unknown>,
  code: ConnectorErrorCode,
  what: string,
): Promise<void> {
  let result: unknown;
  try {
    result = await action();
  } catch (error) {
    if (error instanceof ConformanceFailure) throw error;
    if (!isConnectorError(error)) {
      const described = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new ConformanceFailure(
        `${what} threw ${described}, not a ConnectorError. Catch the store's errors and throw ` +
          `new ConnectorError('${code}', …) so the engine ${ENGINE_REACTION[code]}.`,
      );
    }
    if (error.code !== code) {
      throw new ConformanceFailure(
        `${what} threw ConnectorError '${error.code}' (${error.message}); expected '${code}'. ` +
          `With '${code}' the engine ${ENGINE_REACTION[code]}; with '${error.code}' it ${ENGINE_REACTION[error.code]}.`,
      );
    }
    return;
  }
  throw new ConformanceFailure(
    `${what} succeeded (returned ${result === undefined ? 'nothing' : 'a value'}); expected ConnectorError '${code}', ` +
      `so that the engine ${ENGINE_REACTION[code]}.`,
  );
}

/** Runs `action` and turns any error into a failure saying the operation must not throw here. */
export async function expectNoError<T>(action: () => Promise<T>, what: string): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ConformanceFailure) throw error;
    const described = isConnectorError(error)
      ? `ConnectorError '${error.code}': ${error.message}`
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
    throw new ConformanceFailure(`${what} threw ${described}; it must succeed here.`);
  }
}
