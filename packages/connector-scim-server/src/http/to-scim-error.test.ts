import { describe, expect, it } from '@jest/globals';
import { ScimError } from '@idsync/scim';
import { DEFAULT_SCIM_SERVER_LIMITS } from '../scim-server-options.js';
import { toScimError } from './to-scim-error.js';

const fastifyError = (code: string, statusCode: number) =>
  Object.assign(new Error(code), { code, statusCode });

describe('toScimError', () => {
  it('passes ScimErrors through and flags only 5xx ones as unexpected', () => {
    const conflict = ScimError.uniqueness('taken');
    expect(toScimError(conflict, DEFAULT_SCIM_SERVER_LIMITS)).toEqual({ error: conflict, unexpected: false });
    expect(toScimError(new ScimError(503, undefined, 'x'), DEFAULT_SCIM_SERVER_LIMITS).unexpected).toBe(true);
  });

  it.each([
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 413, undefined],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 415, undefined],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 400, 'invalidSyntax'],
    ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400, 400, 'invalidSyntax'],
  ])('maps fastify %s to %i', (code, status, expected, scimType) => {
    const { error, unexpected } = toScimError(fastifyError(code, status), DEFAULT_SCIM_SERVER_LIMITS);
    expect(error.status).toBe(expected);
    expect(error.scimType).toBe(scimType);
    expect(unexpected).toBe(false);
  });

  it('maps a JSON SyntaxError to invalidSyntax and anything else to a bland 500', () => {
    expect(toScimError(new SyntaxError('Unexpected end'), DEFAULT_SCIM_SERVER_LIMITS).error.scimType).toBe(
      'invalidSyntax',
    );
    const internal = toScimError(new Error('pool exhausted at db.internal'), DEFAULT_SCIM_SERVER_LIMITS);
    expect(internal.unexpected).toBe(true);
    expect(internal.error.status).toBe(500);
    expect(internal.error.detail).not.toContain('db.internal');
  });
});
