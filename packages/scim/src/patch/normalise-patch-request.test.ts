import { describe, expect, it } from '@jest/globals';
import { ScimError } from '../errors/scim-error.js';
import { normalisePatchRequest } from './normalise-patch-request.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

function failure(body: unknown): ScimError {
  try {
    normalisePatchRequest(body);
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected normalisePatchRequest to throw');
}

describe('normalisePatchRequest', () => {
  it('returns the operations in canonical form', () => {
    const operations = normalisePatchRequest({
      schemas: [PATCH_OP],
      Operations: [
        { op: 'add', path: 'members', value: [{ value: 'a' }] },
        { op: 'replace', value: { nickName: 'Babs' } },
        { op: 'remove', path: ' emails[type eq "work"] ' },
      ],
    });
    expect(operations).toEqual([
      { op: 'add', path: 'members', value: [{ value: 'a' }] },
      { op: 'replace', value: { nickName: 'Babs' } },
      { op: 'remove', path: 'emails[type eq "work"]' },
    ]);
  });

  it('accepts capitalised op names and member names in any case (Entra ID)', () => {
    const operations = normalisePatchRequest({
      Schemas: [PATCH_OP.toUpperCase()],
      operations: [
        { Op: 'Replace', Path: 'active', Value: 'False' },
        { op: 'Add', path: 'members', value: [{ value: 'x' }] },
        { op: 'REMOVE', path: 'members', value: [{ value: 'y' }] },
      ],
    });
    expect(operations.map((o) => o.op)).toEqual(['replace', 'add', 'remove']);
    expect(operations[0]).toEqual({ op: 'replace', path: 'active', value: 'False' });
    // The value of a remove is kept: it names the members to remove.
    expect(operations[2]).toEqual({ op: 'remove', path: 'members', value: [{ value: 'y' }] });
  });

  it('keeps a null value (it means "unassigned") and drops a null path', () => {
    expect(
      normalisePatchRequest({
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: null, value: { title: null } }],
      }),
    ).toEqual([{ op: 'replace', value: { title: null } }]);
    expect(
      normalisePatchRequest({
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: 'title', value: null }],
      }),
    ).toEqual([{ op: 'replace', path: 'title', value: null }]);
  });

  it.each([
    ['a body that is not an object', [], 'invalidSyntax', /JSON object/],
    [
      'a missing PatchOp schema',
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], Operations: [{ op: 'add', value: {} }] },
      'invalidSyntax',
      /PatchOp/,
    ],
    ['missing Operations', { schemas: [PATCH_OP] }, 'invalidSyntax', /Operations/],
    ['empty Operations', { schemas: [PATCH_OP], Operations: [] }, 'invalidSyntax', /at least one/],
    [
      'an operation that is not an object',
      { schemas: [PATCH_OP], Operations: ['add'] },
      'invalidSyntax',
      /Operations\[0\]/,
    ],
    [
      'an unknown op',
      {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'add', value: {} },
          { op: 'merge', value: {} },
        ],
      },
      'invalidSyntax',
      /Operations\[1\].*"merge"/,
    ],
    [
      'a remove without path',
      { schemas: [PATCH_OP], Operations: [{ op: 'remove' }] },
      'noTarget',
      /Operations\[0\].*remove without "path"/,
    ],
    [
      'an add without value',
      { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'title' }] },
      'invalidValue',
      /Operations\[0\].*without "value"/,
    ],
    [
      'a path that is not a string',
      { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 42 }] },
      'invalidPath',
      /Operations\[0\].*42/,
    ],
    [
      'a path with a broken filter',
      {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'remove', path: 'title' },
          { op: 'remove', path: 'emails[type eq "work"' },
        ],
      },
      'invalidPath',
      /Operations\[1\] has an invalid path/,
    ],
    [
      'an empty path',
      { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: '  ' }] },
      'invalidPath',
      /non-empty/,
    ],
  ])('rejects %s', (_what, body, scimType, detail) => {
    const error = failure(body);
    expect(error.status).toBe(400);
    expect(error.scimType).toBe(scimType);
    expect(error.detail).toMatch(detail);
  });
});
