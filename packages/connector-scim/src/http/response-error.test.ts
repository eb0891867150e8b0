import { describe, expect, it } from '@jest/globals';
import { readTargetMessage, responseToConnectorError } from './response-error.js';

const identity = (text: string): string => text;
const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

function errorFor(status: number, text: string, headers: Record<string, string> = {}) {
  return responseToConnectorError({ status, text, headers }, 'POST Users', identity, NOW);
}

describe('responseToConnectorError: codes', () => {
  it.each([
    [400, 'invalid'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [405, 'unsupported'],
    [408, 'timeout'],
    [409, 'conflict'],
    [410, 'not-found'],
    [412, 'conflict'],
    [413, 'invalid'],
    [422, 'invalid'],
    [429, 'rate-limited'],
    [500, 'unavailable'],
    [501, 'unsupported'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'timeout'],
  ])('maps HTTP %i to %s', (status, code) => {
    const error = errorFor(status, '');
    expect(error.code).toBe(code);
    expect(error.remoteStatus).toBe(status);
  });

  it('treats a 400 with scimType uniqueness as a conflict, as some targets send duplicates that way', () => {
    const error = errorFor(400, JSON.stringify({ scimType: 'uniqueness', detail: 'userName taken' }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('userName taken');
  });

  it('treats a 403 carrying Retry-After as rate limiting, not a missing permission', () => {
    const error = errorFor(403, 'secondary rate limit', { 'retry-after': '60' });
    expect([error.code, error.retryAfterMs]).toEqual(['rate-limited', 60000]);
  });
});

describe('responseToConnectorError: Retry-After', () => {
  it('reads delay seconds', () => {
    const error = errorFor(429, '{"detail":"slow down"}', { 'retry-after': '7' });
    expect(error.retryAfterMs).toBe(7000);
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('Retry after 7000 ms');
  });

  it('reads an HTTP-date relative to now', () => {
    const error = errorFor(429, '', { 'retry-after': 'Wed, 15 Jan 2025 12:00:30 GMT' });
    expect(error.retryAfterMs).toBe(30000);
  });

  it('leaves retryAfterMs unset when the header is missing or unreadable', () => {
    expect(errorFor(429, '').retryAfterMs).toBeUndefined();
    expect(errorFor(429, '', { 'retry-after': 'soon' }).retryAfterMs).toBeUndefined();
  });
});

describe('readTargetMessage: every error body shape carries the target’s message', () => {
  it.each([
    [
      'SCIM 2.0',
      409,
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '409',
        scimType: 'uniqueness',
        detail: 'User exists',
      },
      'User exists',
    ],
    [
      'SCIM 2.0 with a numeric status (Slack)',
      400,
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: 400,
        detail: 'missing_schema_element',
      },
      'missing_schema_element',
    ],
    [
      'SCIM 1.1 Errors array',
      404,
      { Errors: [{ description: 'Resource 7 not found', code: '404' }] },
      'Resource 7 not found',
    ],
    [
      'SCIM 1.1 single Errors object (Slack)',
      400,
      { Errors: { description: 'email_taken', code: 400 } },
      'email_taken',
    ],
    [
      'SCIM 1.1 single Error object',
      409,
      { Error: { description: 'Duplicate userName', code: '409' } },
      'Duplicate userName',
    ],
    [
      'AWS JSON API',
      400,
      { __type: 'ValidationException', Message: 'Request is unparsable' },
      'Request is unparsable',
    ],
    ['a plain message', 429, { message: 'Rate limit exceeded' }, 'Rate limit exceeded'],
    ['an errors list', 400, { errors: [{ message: 'displayName is too long' }] }, 'displayName is too long'],
    ['a nested error object', 500, { error: { message: 'internal failure' } }, 'internal failure'],
    ['OAuth', 401, { error: 'invalid_token', error_description: 'The token expired' }, 'The token expired'],
  ])('%s', (_shape, status, body, expected) => {
    expect(readTargetMessage(status, JSON.stringify(body)).message).toBe(expected);
  });

  it('keeps plain text as the message', () => {
    expect(readTargetMessage(503, 'Service Unavailable\n').message).toBe('Service Unavailable');
  });

  it('does not carry an HTML error page into the message', () => {
    const { message } = readTargetMessage(502, '<html><body><h1>502 Bad Gateway</h1></body></html>');
    expect(message).toBe('HTTP 502 (an HTML page, not a SCIM error)');
  });

  it('says so when there is no body', () => {
    expect(readTargetMessage(500, '').message).toBe('HTTP 500 with no error body');
  });

  it('shortens a very long message', () => {
    const { message } = readTargetMessage(400, 'x'.repeat(5000));
    expect(message.length).toBeLessThanOrEqual(501);
  });

  it('keeps the scimType of a 2.0 body', () => {
    expect(
      readTargetMessage(400, JSON.stringify({ scimType: 'invalidFilter', detail: 'bad' })).scimType,
    ).toBe('invalidFilter');
  });
});

describe('responseToConnectorError: message', () => {
  it('names the request, the status and the target’s message', () => {
    const error = errorFor(409, JSON.stringify({ detail: 'userName "ada" exists', scimType: 'uniqueness' }));
    expect(error.message).toBe('POST Users: the target answered 409 uniqueness: userName "ada" exists');
    expect(error.remoteMessage).toBe('userName "ada" exists');
  });

  it('redacts what the redactor is given, in message and remoteMessage', () => {
    const error = responseToConnectorError(
      { status: 401, text: '{"detail":"token abcd-1234 is revoked"}', headers: {} },
      'GET Users',
      (text) => text.replace('abcd-1234', '****'),
    );
    expect(error.message).not.toContain('abcd-1234');
    expect(error.remoteMessage).toBe('token **** is revoked');
  });
});
