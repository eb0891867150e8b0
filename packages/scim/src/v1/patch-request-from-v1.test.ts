import { describe, expect, it } from '@jest/globals';
import { ScimError } from '../errors/scim-error.js';
import type { ScimResource } from '../resource/scim-resource.js';
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  SCIM_V1_CORE_SCHEMA,
  SCIM_V1_ENTERPRISE_SCHEMA,
  USER_SCHEMA,
} from '../schema/urns.js';
import { patchRequestFromV1 } from './patch-request-from-v1.js';
import { BADGE_SCHEMA, sampleGroup, sampleUser } from './test-fixtures/v1-resources.js';

const ENT = ENTERPRISE_USER_SCHEMA;

describe('patchRequestFromV1 without the current resource', () => {
  it('replaces single-valued attributes and each given sub-attribute of a complex one', () => {
    expect(
      patchRequestFromV1({
        schemas: [SCIM_V1_CORE_SCHEMA],
        title: 'Manager',
        active: 'false',
        name: { givenName: 'Babs', middleName: null },
      }),
    ).toEqual([
      { op: 'replace', path: 'title', value: 'Manager' },
      { op: 'replace', path: 'active', value: false },
      { op: 'replace', path: 'name.givenName', value: 'Babs' },
      { op: 'remove', path: 'name.middleName' },
    ]);
  });

  it('adds multi-valued values and removes those marked "operation": "delete" by value and type', () => {
    expect(
      patchRequestFromV1({
        emails: [
          { value: 'new@example.com', type: 'home', primary: 'true' },
          { value: 'old@example.com', type: 'work', operation: 'delete' },
        ],
      }),
    ).toEqual([
      { op: 'remove', path: 'emails[value eq "old@example.com" and type eq "work"]' },
      { op: 'add', path: 'emails', value: [{ value: 'new@example.com', type: 'home', primary: true }] },
    ]);
  });

  it('removes a Group member by value alone', () => {
    expect(
      patchRequestFromV1(
        {
          schemas: [SCIM_V1_CORE_SCHEMA],
          members: [{ display: 'Babs Jensen', value: '2819c223', operation: 'delete' }],
        },
        undefined,
        { resourceType: 'Group' },
      ),
    ).toEqual([{ op: 'remove', path: 'members[value eq "2819c223"]' }]);
  });

  it('matches a value-less complex value (an address) by all its simple sub-attributes', () => {
    expect(patchRequestFromV1({ addresses: [{ type: 'home', country: 'US', operation: 'DELETE' }] })).toEqual(
      [{ op: 'remove', path: 'addresses[type eq "home" and country eq "US"]' }],
    );
  });

  it('escapes quotes and backslashes of values in the filters it writes', () => {
    const [operation] = patchRequestFromV1({ members: [{ value: 'a"b\\c', operation: 'delete' }] });
    expect(operation).toEqual({ op: 'remove', path: 'members[value eq "a\\"b\\\\c"]' });
  });

  it('clears meta.attributes first, mapping 1.1 paths to 2.0 ones', () => {
    expect(
      patchRequestFromV1({
        schemas: [SCIM_V1_CORE_SCHEMA, SCIM_V1_ENTERPRISE_SCHEMA],
        meta: {
          attributes: [
            'name.givenName',
            'emails',
            'urn:scim:schemas:extension:enterprise:1.0:department',
            'urn:scim:schemas:extension:enterprise:1.0.manager.managerId',
            'urn:scim:schemas:core:1.0:nickName',
          ],
        },
        emails: [{ value: 'only@example.com' }],
      }),
    ).toEqual([
      { op: 'remove', path: 'name.givenName' },
      { op: 'remove', path: 'emails' },
      { op: 'remove', path: `${ENT}:department` },
      { op: 'remove', path: `${ENT}:manager.value` },
      { op: 'remove', path: 'nickName' },
      { op: 'add', path: 'emails', value: [{ value: 'only@example.com' }] },
    ]);
  });

  it('writes enterprise attributes with 2.0 URN paths and managerId as manager.value', () => {
    expect(
      patchRequestFromV1({
        schemas: [SCIM_V1_CORE_SCHEMA, SCIM_V1_ENTERPRISE_SCHEMA],
        [SCIM_V1_ENTERPRISE_SCHEMA]: { department: 'Sales', manager: { managerId: 'm2' } },
      }),
    ).toEqual([
      { op: 'replace', path: `${ENT}:department`, value: 'Sales' },
      { op: 'replace', path: `${ENT}:manager.value`, value: 'm2' },
    ]);
  });

  it('keeps custom extension attributes under their own URN', () => {
    expect(patchRequestFromV1({ [BADGE_SCHEMA]: { badgeNumber: 'B-18' } })).toEqual([
      { op: 'replace', path: `${BADGE_SCHEMA}:badgeNumber`, value: 'B-18' },
    ]);
  });

  it('ignores schemas, id and the rest of meta, which are not changes', () => {
    expect(
      patchRequestFromV1({ schemas: [SCIM_V1_CORE_SCHEMA], id: '42', meta: { lastModified: 'x' } }),
    ).toEqual([]);
  });

  it('refuses malformed bodies and markers with invalidSyntax / invalidValue', () => {
    const run = (body: unknown) => {
      try {
        patchRequestFromV1(body);
      } catch (error) {
        return error instanceof ScimError ? `${error.scimType}: ${error.detail}` : String(error);
      }
      return 'no error';
    };
    expect(run(['title'])).toMatch(/^invalidSyntax/);
    expect(run({ meta: { attributes: 'emails' } })).toMatch(/^invalidSyntax: "meta.attributes"/);
    expect(run({ emails: [{ value: 'a', operation: 'add' }] })).toMatch(/^invalidValue: .*"emails".*"add"/);
    expect(run({ emails: [{ operation: 'delete' }] })).toMatch(/^invalidValue: .*names no "value"/);
    expect(run({ meta: { attributes: ['bad path!'] } })).toMatch(/^invalidPath/);
    expect(run({ [SCIM_V1_ENTERPRISE_SCHEMA]: 'x' })).toMatch(/^invalidSyntax/);
  });
});

describe('patchRequestFromV1 with the current resource', () => {
  const current = (): ScimResource => sampleUser();

  it('merges an added value into the existing value it names instead of adding a duplicate', () => {
    expect(
      patchRequestFromV1({ emails: [{ value: 'babs@jensen.org', primary: 'true' }] }, current()),
    ).toEqual([
      {
        op: 'replace',
        path: 'emails[value eq "babs@jensen.org"]',
        value: { value: 'babs@jensen.org', type: 'home', primary: true },
      },
    ]);
  });

  it('leaves out adds that change nothing and still adds new values', () => {
    expect(
      patchRequestFromV1(
        { emails: [{ value: 'bjensen@example.com', type: 'work' }, { value: 'third@example.com' }] },
        current(),
      ),
    ).toEqual([{ op: 'add', path: 'emails', value: [{ value: 'third@example.com' }] }]);
  });

  it('leaves out removals of values and attributes that are not there', () => {
    expect(
      patchRequestFromV1(
        {
          meta: { attributes: ['nickName', 'locale', 'ims'] },
          emails: [{ value: 'never@example.com', operation: 'delete' }],
        },
        current(),
      ),
    ).toEqual([{ op: 'remove', path: 'nickName' }]);
  });

  it('does not merge into values that meta.attributes cleared: they are added again', () => {
    expect(
      patchRequestFromV1(
        { meta: { attributes: ['emails'] }, emails: [{ value: 'bjensen@example.com', type: 'work' }] },
        current(),
      ),
    ).toEqual([
      { op: 'remove', path: 'emails' },
      { op: 'add', path: 'emails', value: [{ value: 'bjensen@example.com', type: 'work' }] },
    ]);
  });

  it('reads the resource type from the current resource', () => {
    const group = sampleGroup();
    expect(group.schemas).toEqual([GROUP_SCHEMA]);
    expect(
      patchRequestFromV1(
        { members: [{ value: '2819c223-7f76-453a-919d-413861904646', operation: 'delete' }] },
        group,
      ),
    ).toEqual([{ op: 'remove', path: 'members[value eq "2819c223-7f76-453a-919d-413861904646"]' }]);
    // `active` is a boolean of User only; on a Group it is left as sent
    expect(patchRequestFromV1({ active: 'yes' }, group)).toEqual([
      { op: 'replace', path: 'active', value: 'yes' },
    ]);
    expect(() => patchRequestFromV1({ active: 'yes' }, { schemas: [USER_SCHEMA] })).toThrow(/"active"/);
  });
});
