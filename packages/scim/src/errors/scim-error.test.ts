import { describe, expect, it } from '@jest/globals';
import { SCIM_V1_ERROR_URN, SCIM_V2_ERROR_URN } from '../schema/urns.js';
import { isScimError, ScimError } from './scim-error.js';
import { isScimErrorType, SCIM_ERROR_TYPES } from './scim-error-type.js';

describe('ScimError factories', () => {
  it.each([
    [ScimError.invalidFilter('d'), 400, 'invalidFilter'],
    [ScimError.invalidPath('d'), 400, 'invalidPath'],
    [ScimError.noTarget('d'), 400, 'noTarget'],
    [ScimError.invalidValue('d'), 400, 'invalidValue'],
    [ScimError.invalidSyntax('d'), 400, 'invalidSyntax'],
    [ScimError.mutability('d'), 400, 'mutability'],
    [ScimError.uniqueness('d'), 409, 'uniqueness'],
    [ScimError.tooMany('d'), 400, 'tooMany'],
    [ScimError.notFound('d'), 404, undefined],
  ])('%s has status %s and scimType %s', (error, status, scimType) => {
    expect(error.status).toBe(status);
    expect(error.scimType).toBe(scimType);
    expect(error.detail).toBe('d');
    expect(error).toBeInstanceOf(Error);
    expect(isScimError(error)).toBe(true);
  });

  it('puts status, type and detail into the message for logs', () => {
    expect(ScimError.uniqueness('userName "bjensen" is taken').message).toBe(
      '409 uniqueness: userName "bjensen" is taken',
    );
    expect(ScimError.notFound('no user 7').message).toBe('404: no user 7');
  });

  it('recognises only the scimType values of RFC 7644 §3.12', () => {
    expect(SCIM_ERROR_TYPES).toHaveLength(10);
    expect(isScimErrorType('noTarget')).toBe(true);
    expect(isScimErrorType('NoTarget')).toBe(false);
    expect(isScimErrorType(400)).toBe(false);
    expect(isScimError(new Error('x'))).toBe(false);
  });
});

describe('ScimError wire forms', () => {
  it('writes the SCIM 2.0 body with status as a string', () => {
    expect(ScimError.mutability('id is readOnly').toV2Body()).toEqual({
      schemas: [SCIM_V2_ERROR_URN],
      status: '400',
      scimType: 'mutability',
      detail: 'id is readOnly',
    });
  });

  it('leaves scimType out of the 2.0 body when there is none', () => {
    const body = ScimError.notFound('User 7 not found').toV2Body();
    expect(body).toEqual({ schemas: [SCIM_V2_ERROR_URN], status: '404', detail: 'User 7 not found' });
    expect('scimType' in body).toBe(false);
  });

  it('writes the SCIM 1.1 body with the scimType folded into the description', () => {
    expect(ScimError.uniqueness('taken').toV1Body()).toEqual({
      schemas: [SCIM_V1_ERROR_URN],
      Errors: [{ description: 'uniqueness: taken', code: '409' }],
    });
    expect(ScimError.notFound('gone').toV1Body().Errors).toEqual([{ description: 'gone', code: '404' }]);
  });

  it('reads back what it writes, in both versions', () => {
    for (const error of [
      ScimError.noTarget('no member "x"'),
      ScimError.notFound('gone'),
      new ScimError(500, undefined, 'boom'),
    ]) {
      for (const body of [error.toV2Body(), error.toV1Body()]) {
        const read = ScimError.fromBody(body, 418);
        expect([read.status, read.scimType, read.detail]).toEqual([
          error.status,
          error.scimType,
          error.detail,
        ]);
      }
    }
  });
});

describe('ScimError.fromBody', () => {
  it('reads a SCIM 2.0 error body', () => {
    const error = ScimError.fromBody(
      { schemas: [SCIM_V2_ERROR_URN], scimType: 'uniqueness', detail: 'userName exists', status: '409' },
      400,
    );
    expect([error.status, error.scimType, error.detail]).toEqual([409, 'uniqueness', 'userName exists']);
  });

  it('prefers the HTTP status when the body has none, and drops an unknown scimType', () => {
    const error = ScimError.fromBody({ detail: 'slow down', scimType: 'throttled' }, 429);
    expect([error.status, error.scimType, error.detail]).toEqual([429, undefined, 'slow down']);
  });

  it('reads a 2.0 body that has no detail', () => {
    const error = ScimError.fromBody({ schemas: [SCIM_V2_ERROR_URN], status: '404' }, 500);
    expect([error.status, error.detail]).toEqual([404, 'HTTP 404']);
  });

  it('reads a SCIM 1.1 Errors array, recovering a prefixed scimType', () => {
    const plain = ScimError.fromBody({ Errors: [{ description: 'Resource 7 not found', code: '404' }] }, 500);
    expect([plain.status, plain.scimType, plain.detail]).toEqual([404, undefined, 'Resource 7 not found']);
    const prefixed = ScimError.fromBody(
      { Errors: [{ description: 'invalidFilter: bad "eq"', code: '400' }] },
      500,
    );
    expect([prefixed.scimType, prefixed.detail]).toEqual(['invalidFilter', 'bad "eq"']);
  });

  it('keeps a description whose prefix is not a scimType as it is', () => {
    const error = ScimError.fromBody({ Errors: [{ description: 'Note: try again', code: '503' }] }, 500);
    expect([error.scimType, error.detail]).toEqual([undefined, 'Note: try again']);
  });

  it('reads a SCIM 1.1 single Error object', () => {
    const error = ScimError.fromBody({ Error: { description: 'Duplicate userName', code: '409' } }, 400);
    expect([error.status, error.detail]).toEqual([409, 'Duplicate userName']);
  });

  it('falls back to the HTTP status when the 1.1 code is missing', () => {
    expect(ScimError.fromBody({ Errors: [{ description: 'nope' }] }, 403).status).toBe(403);
  });

  it('reads a { message } body and an OAuth error body', () => {
    expect(ScimError.fromBody({ message: 'Rate limit exceeded' }, 429).detail).toBe('Rate limit exceeded');
    expect(
      ScimError.fromBody({ error: 'invalid_token', error_description: 'The token expired' }, 401).detail,
    ).toBe('The token expired');
    expect(ScimError.fromBody({ error: 'invalid_token' }, 401).detail).toBe('invalid_token');
  });

  it('reads raw JSON text as JSON', () => {
    const error = ScimError.fromBody(
      '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness","detail":"taken"}',
      500,
    );
    expect([error.status, error.scimType, error.detail]).toEqual([409, 'uniqueness', 'taken']);
  });

  it('keeps plain text (and text that only looks like JSON) as the detail', () => {
    expect(ScimError.fromBody('  Service Unavailable \n', 503).detail).toBe('Service Unavailable');
    expect(ScimError.fromBody('{not json', 502).detail).toBe('{not json');
    expect(ScimError.fromBody('Bad Gateway', 502).status).toBe(502);
  });

  it.each([[''], ['   '], [null], [undefined], [{}], [[]], [42]])(
    'answers an empty or unusable body %j with the HTTP status',
    (body) => {
      const error = ScimError.fromBody(body, 502);
      expect(error.status).toBe(502);
      expect(error.scimType).toBeUndefined();
      expect(error.detail).toBe('HTTP 502 with no error body');
    },
  );
});
