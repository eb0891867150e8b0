import { describe, expect, it } from '@jest/globals';
import { ScimError } from '../errors/scim-error.js';
import type { PatchOperation } from '../patch/patch-operation.js';
import { ENTERPRISE_USER_SCHEMA, SCIM_V1_CORE_SCHEMA } from '../schema/urns.js';
import { patchRequestToV1 } from './patch-request-to-v1.js';
import { sampleGroup, sampleUser } from './test-fixtures/v1-resources.js';

const ENT = ENTERPRISE_USER_SCHEMA;
const CORE = [SCIM_V1_CORE_SCHEMA];

function refusal(
  operations: PatchOperation[],
  currentResource?: Parameters<typeof patchRequestToV1>[1],
): ScimError {
  try {
    patchRequestToV1(operations, currentResource);
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

describe('patchRequestToV1: filters resolved against the current resource', () => {
  it('rewrites a multi-valued attribute in full for a filtered replace of a sub-attribute', () => {
    const body = patchRequestToV1(
      [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'new@example.com' }],
      {
        currentResource: sampleUser(),
      },
    );
    expect(body).toEqual({
      schemas: CORE,
      emails: [
        { value: 'new@example.com', type: 'work', primary: true },
        { value: 'babs@jensen.org', type: 'home', primary: false },
      ],
      meta: { attributes: ['emails'] },
    });
  });

  it('removes values selected by other sub-attributes, on top of earlier changes in the same request', () => {
    const body = patchRequestToV1(
      [
        { op: 'add', path: 'emails', value: [{ value: 'x@example.com', type: 'other' }] },
        { op: 'remove', path: 'emails[primary eq false]' },
      ],
      { currentResource: sampleUser() },
    );
    expect(body.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'x@example.com', type: 'other' },
    ]);
    expect(body.meta).toEqual({ attributes: ['emails'] });
  });

  it('replaces a whole selected value and merges on a filtered add', () => {
    const body = patchRequestToV1(
      [
        { op: 'replace', path: 'members[display eq "Night Shift"]', value: { value: 'g2', type: 'Group' } },
        {
          op: 'add',
          path: 'members[value eq "2819c223-7f76-453a-919d-413861904646"]',
          value: { display: 'Babs J.' },
        },
      ],
      { currentResource: sampleGroup() },
    );
    expect(body.members).toEqual([
      { value: '2819c223-7f76-453a-919d-413861904646', display: 'Babs J.', type: 'User' },
      { value: 'g2', type: 'Group' },
    ]);
  });

  it('removes a whole extension by listing its attributes', () => {
    const body = patchRequestToV1([{ op: 'remove', path: ENT }], { currentResource: sampleUser() });
    expect(body.meta).toEqual({
      attributes: ['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager'].map(
        (name) => `urn:scim:schemas:extension:enterprise:1.0:${name}`,
      ),
    });
  });

  it('answers noTarget, naming the operation, when the filter matches nothing', () => {
    const error = refusal([{ op: 'replace', path: 'emails[type eq "pager"].value', value: 'x' }], {
      currentResource: sampleUser(),
    });
    expect(error.scimType).toBe('noTarget');
    expect(error.detail).toMatch(/^Operation 1 \(replace "emails\[type eq "pager"\]\.value"\)/);
  });
});

describe('patchRequestToV1: what 1.1 cannot say', () => {
  it('refuses a filter other than removal by value when no current resource is given', () => {
    const error = refusal([
      { op: 'add', path: 'title', value: 'x' },
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'new@example.com' },
    ]);
    expect(error.scimType).toBe('invalidPath');
    expect(error.detail).toContain('Operation 2 (replace "emails[type eq "work"].value")');
    expect(error.detail).toContain('currentResource');
    expect(refusal([{ op: 'remove', path: 'emails[type eq "home"]' }]).scimType).toBe('invalidPath');
  });

  it('refuses filters that are not conjunctions of eq, with or without the current resource', () => {
    for (const path of [
      'emails[value co "@example.com"]',
      'emails[type eq "work" or type eq "home"]',
      'emails[not (type eq "work")]',
    ]) {
      const error = refusal([{ op: 'remove', path }], { currentResource: sampleUser() });
      expect(error.scimType).toBe('invalidPath');
      expect(error.detail).toContain('"eq" comparisons joined by "and"');
    }
  });

  it('refuses a remove without a path (noTarget), an unknown op and an unparsable path', () => {
    expect(refusal([{ op: 'remove' }]).scimType).toBe('noTarget');
    expect(refusal([{ op: 'move', path: 'title' } as unknown as PatchOperation]).scimType).toBe(
      'invalidValue',
    );
    const syntax = refusal([{ op: 'remove', path: 'emails[type eq' }]);
    expect(syntax.scimType).toBe('invalidPath');
    expect(syntax.detail).toMatch(/^Operation 1 \(remove "emails\[type eq"\)/);
  });

  it('refuses removing a whole extension without the current resource', () => {
    expect(refusal([{ op: 'remove', path: ENT }]).scimType).toBe('invalidPath');
  });
});
