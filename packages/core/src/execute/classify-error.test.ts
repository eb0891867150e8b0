import { describe, expect, it } from '@jest/globals';
import { classifyError, isRetryable } from './classify-error.js';
import { OperationTimeoutError } from './operation-timeout-error.js';
import { RetryableError } from './retryable-error.js';

function httpError(status: number, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(`HTTP ${status}`), { status }, extra);
}

function systemError(code: string) {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:443`), { code });
}

describe('classifyError', () => {
  it.each([
    [429, 'rate-limited', true, false],
    [500, 'unavailable', true, true],
    [502, 'unavailable', true, true],
    [503, 'unavailable', true, true],
    [504, 'unavailable', true, true],
    [408, 'timeout', true, true],
    [401, 'unauthorized', false, true],
    [403, 'forbidden', false, true],
    [400, 'invalid', false, false],
    [422, 'invalid', false, false],
    [404, 'not-found', false, false],
    [409, 'conflict', false, false],
    [412, 'conflict', false, false],
    [501, 'unsupported', false, false],
  ] as const)(
    'HTTP %i is %s (retryable %s, connection-level %s)',
    (status, category, retryable, connectionLevel) => {
      expect(classifyError(httpError(status))).toMatchObject({
        category,
        retryable,
        connectionLevel,
        status,
      });
    },
  );

  it('reads statusCode as well as status', () => {
    expect(classifyError({ statusCode: 503, message: 'busy' }).category).toBe('unavailable');
  });

  it('treats a 403 with Retry-After as rate limiting, as GitHub answers its secondary limits', () => {
    expect(classifyError(httpError(403, { retryAfterMs: 60_000 }))).toMatchObject({
      category: 'rate-limited',
      retryable: true,
      connectionLevel: false,
      retryAfterMs: 60_000,
    });
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET'])(
    'transport code %s is a retryable, connection-level outage',
    (code) => {
      expect(classifyError(systemError(code))).toMatchObject({
        category: 'unavailable',
        retryable: true,
        connectionLevel: true,
      });
    },
  );

  it.each(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT'])(
    'transport code %s is a timeout',
    (code) => {
      expect(classifyError(systemError(code))).toMatchObject({ category: 'timeout', retryable: true });
    },
  );

  it('follows the cause chain, as fetch wraps socket errors in "fetch failed"', () => {
    const error = new TypeError('fetch failed', { cause: systemError('ECONNREFUSED') });
    expect(classifyError(error).category).toBe('unavailable');
  });

  it('looks inside an AggregateError from a multi-address connect', () => {
    const error = new AggregateError(
      [systemError('ECONNREFUSED'), systemError('ECONNREFUSED')],
      'connect failed',
    );
    expect(classifyError(error).category).toBe('unavailable');
  });

  it('honours a connector error code and its own stated traits', () => {
    expect(classifyError({ code: 'conflict', message: 'userName taken' })).toMatchObject({
      category: 'conflict',
      retryable: false,
    });
    expect(classifyError({ code: 'unavailable', retryable: false, connectionLevel: false })).toMatchObject({
      category: 'unavailable',
      retryable: false,
      connectionLevel: false,
    });
  });

  it('takes RetryableError at its word, with its Retry-After', () => {
    const error = new RetryableError('store busy', { category: 'rate-limited', retryAfterMs: 2000 });
    expect(classifyError(error)).toMatchObject({
      category: 'rate-limited',
      retryable: true,
      retryAfterMs: 2000,
    });
    expect(classifyError(new RetryableError('flaky')).category).toBe('unavailable');
  });

  it('finds retryAfterMs on a wrapped cause', () => {
    const error = new Error('create failed', { cause: httpError(429, { retryAfterMs: 3000 }) });
    expect(classifyError(error)).toMatchObject({ category: 'rate-limited', retryAfterMs: 3000 });
  });

  it('classifies our own timeout and the platform timeout/abort exceptions', () => {
    expect(classifyError(new OperationTimeoutError(1000))).toMatchObject({
      category: 'timeout',
      retryable: true,
      connectionLevel: true,
    });
    expect(classifyError(new DOMException('timed out', 'TimeoutError')).category).toBe('timeout');
    expect(classifyError(new DOMException('aborted', 'AbortError'))).toMatchObject({
      category: 'cancelled',
      retryable: false,
      connectionLevel: false,
    });
  });

  it('treats anything unrecognised as an object-level, non-retryable failure', () => {
    for (const error of [new Error('boom'), 'a string', undefined, null, 42, { status: 'weird' }]) {
      expect(classifyError(error)).toMatchObject({
        category: 'unknown',
        retryable: false,
        connectionLevel: false,
      });
    }
  });
});

describe('isRetryable', () => {
  it('is true for network errors, 429, 5xx and timeouts, false for validation, conflicts and auth failures', () => {
    expect(
      [systemError('ECONNRESET'), httpError(429), httpError(503), new OperationTimeoutError(5)].map(
        isRetryable,
      ),
    ).toEqual([true, true, true, true]);
    expect([httpError(400), httpError(409), httpError(401), httpError(403)].map(isRetryable)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
