import { describe, expect, it } from '@jest/globals';
import { ScimError } from '../errors/scim-error.js';
import { SCIM_V1_ERROR_URN } from '../schema/urns.js';

/**
 * The 1.1 parts of ScimError (errors/scim-error.ts) that the v1 conversion relies on: the
 * outbound client reads 1.1 error bodies with `fromBody`, the inbound /scim/v1 server answers
 * with `toV1Body`.
 */
describe('ScimError and SCIM 1.1 error bodies', () => {
  it('reads the 1.1 Errors array, taking the code as the status', () => {
    const error = ScimError.fromBody(
      { Errors: [{ description: 'Resource 2819c223 not found', code: '404' }] },
      500,
    );
    expect(error).toBeInstanceOf(ScimError);
    expect(error.status).toBe(404);
    expect(error.scimType).toBeUndefined();
    expect(error.detail).toBe('Resource 2819c223 not found');
  });

  it('reads the first of several errors', () => {
    const error = ScimError.fromBody(
      {
        schemas: [SCIM_V1_ERROR_URN],
        Errors: [
          { description: 'userName is required', code: '400' },
          { description: 'emails is malformed', code: '400' },
        ],
      },
      500,
    );
    expect(error.detail).toBe('userName is required');
    expect(error.status).toBe(400);
  });

  it('reads a single Error object, as some 1.1 services send it', () => {
    const error = ScimError.fromBody({ Error: { description: 'Duplicate userName', code: 409 } }, 400);
    expect(error.status).toBe(409);
    expect(error.detail).toBe('Duplicate userName');
  });

  it('falls back to the HTTP status when the code is missing or not a number', () => {
    expect(ScimError.fromBody({ Errors: [{ description: 'Bad request' }] }, 400).status).toBe(400);
    expect(ScimError.fromBody({ Errors: [{ description: 'Bad request', code: 'BAD' }] }, 422).status).toBe(
      422,
    );
    expect(ScimError.fromBody({ Errors: [{ code: '503' }] }, 500).detail).toBe('HTTP 503');
  });

  it('recovers a scimType folded into the description, but not a word that is no scimType', () => {
    const typed = ScimError.fromBody(
      { Errors: [{ description: 'uniqueness: userName "bjensen" is taken', code: '409' }] },
      409,
    );
    expect(typed.scimType).toBe('uniqueness');
    expect(typed.detail).toBe('userName "bjensen" is taken');
    const plain = ScimError.fromBody(
      { Errors: [{ description: 'Error: database offline', code: '500' }] },
      500,
    );
    expect(plain.scimType).toBeUndefined();
    expect(plain.detail).toBe('Error: database offline');
  });

  it('answers 1.1 clients with {schemas, Errors:[{description, code}]} and the status as a string', () => {
    expect(ScimError.invalidFilter('"userName xx \\"a\\"" is not a filter').toV1Body()).toEqual({
      schemas: [SCIM_V1_ERROR_URN],
      Errors: [{ description: 'invalidFilter: "userName xx \\"a\\"" is not a filter', code: '400' }],
    });
    expect(ScimError.notFound('User 42 not found').toV1Body()).toEqual({
      schemas: [SCIM_V1_ERROR_URN],
      Errors: [{ description: 'User 42 not found', code: '404' }],
    });
  });

  it('round-trips status, scimType and detail through the 1.1 body', () => {
    for (const original of [
      ScimError.uniqueness('userName "bjensen" is taken'),
      ScimError.invalidPath('Operation 1 has no SCIM 1.1 form: ...\nsecond line'),
      ScimError.notFound('gone'),
      new ScimError(500, undefined, 'internal'),
    ]) {
      const read = ScimError.fromBody(JSON.parse(JSON.stringify(original.toV1Body())), 418);
      expect({ status: read.status, scimType: read.scimType, detail: read.detail }).toEqual({
        status: original.status,
        scimType: original.scimType,
        detail: original.detail,
      });
    }
  });

  it('does not mistake a 1.1 body for a 2.0 one or the other way round', () => {
    const v2 = ScimError.fromBody(ScimError.mutability('id is readOnly').toV2Body(), 500);
    expect({ status: v2.status, scimType: v2.scimType }).toEqual({ status: 400, scimType: 'mutability' });
    const v1 = ScimError.fromBody({ Errors: [], message: 'fallback text' }, 502);
    expect(v1.detail).toBe('fallback text');
    expect(v1.status).toBe(502);
  });
});
