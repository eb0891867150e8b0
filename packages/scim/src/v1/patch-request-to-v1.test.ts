import { describe, expect, it } from '@jest/globals';
import type { PatchOperation } from '../patch/patch-operation.js';
import { ENTERPRISE_USER_SCHEMA, SCIM_V1_CORE_SCHEMA, SCIM_V1_ENTERPRISE_SCHEMA } from '../schema/urns.js';
import { patchRequestFromV1 } from './patch-request-from-v1.js';
import { patchRequestToV1 } from './patch-request-to-v1.js';
import { BADGE_SCHEMA } from './test-fixtures/v1-resources.js';

const ENT = ENTERPRISE_USER_SCHEMA;
const CORE = [SCIM_V1_CORE_SCHEMA];

describe('patchRequestToV1: what 1.1 can say directly', () => {
  it('sets single values and sub-attributes', () => {
    expect(
      patchRequestToV1([
        { op: 'replace', path: 'title', value: 'Manager' },
        { op: 'add', path: 'name.givenName', value: 'Babs' },
        { op: 'replace', path: 'active', value: false },
      ]),
    ).toEqual({ schemas: CORE, title: 'Manager', name: { givenName: 'Babs' }, active: false });
  });

  it('spreads a path-less value over the body, extension URNs included', () => {
    expect(
      patchRequestToV1([
        {
          op: 'replace',
          value: {
            schemas: ['ignored'],
            displayName: 'Babs',
            emails: [{ value: 'b@example.com', type: 'work' }],
            [ENT]: { department: 'Sales', manager: { value: 'm2', $ref: '../Users/m2' } },
          },
        },
      ]),
    ).toEqual({
      schemas: [SCIM_V1_CORE_SCHEMA, SCIM_V1_ENTERPRISE_SCHEMA],
      displayName: 'Babs',
      emails: [{ value: 'b@example.com', type: 'work' }],
      [SCIM_V1_ENTERPRISE_SCHEMA]: { department: 'Sales', manager: { managerId: 'm2' } },
      meta: { attributes: ['emails'] },
    });
  });

  it('adds multi-valued values without clearing the attribute', () => {
    expect(
      patchRequestToV1([{ op: 'add', path: 'members', value: [{ value: 'u1', type: 'User', $ref: 'x' }] }]),
    ).toEqual({
      schemas: CORE,
      members: [{ value: 'u1', type: 'User' }],
    });
  });

  it('removes a member selected by value as a value marked "operation": "delete"', () => {
    expect(patchRequestToV1([{ op: 'remove', path: 'members[value eq "2819c223"]' }])).toEqual({
      schemas: CORE,
      members: [{ value: '2819c223', operation: 'delete' }],
    });
  });

  it('removes a value selected by value and type', () => {
    expect(
      patchRequestToV1([{ op: 'remove', path: 'emails[type eq "work" and value eq "a@example.com"]' }]),
    ).toEqual({
      schemas: CORE,
      emails: [{ type: 'work', value: 'a@example.com', operation: 'delete' }],
    });
  });

  it('reads an Entra ID style remove: capitalised op, members path and a value list', () => {
    const operation = {
      op: 'Remove',
      path: 'members',
      value: [{ value: 'u1' }, { value: 'u2' }],
    } as unknown as PatchOperation;
    expect(patchRequestToV1([operation])).toEqual({
      schemas: CORE,
      members: [
        { value: 'u1', operation: 'delete' },
        { value: 'u2', operation: 'delete' },
      ],
    });
  });

  it('removes attributes and sub-attributes through meta.attributes, in 1.1 path form', () => {
    expect(
      patchRequestToV1([
        { op: 'remove', path: 'nickName' },
        { op: 'remove', path: 'name.middleName' },
        { op: 'remove', path: `${ENT}:department` },
        { op: 'remove', path: `${ENT}:manager.value` },
      ]),
    ).toEqual({
      schemas: [SCIM_V1_CORE_SCHEMA, SCIM_V1_ENTERPRISE_SCHEMA],
      meta: {
        attributes: [
          'nickName',
          'name.middleName',
          'urn:scim:schemas:extension:enterprise:1.0:department',
          'urn:scim:schemas:extension:enterprise:1.0:manager.managerId',
        ],
      },
    });
  });

  it('replaces all values of a multi-valued attribute by clearing it and sending the new ones', () => {
    expect(
      patchRequestToV1([{ op: 'replace', path: 'emails', value: [{ value: 'only@example.com' }] }]),
    ).toEqual({
      schemas: CORE,
      emails: [{ value: 'only@example.com' }],
      meta: { attributes: ['emails'] },
    });
  });

  it('writes a whole extension named by its URN, and custom URNs as they are', () => {
    expect(
      patchRequestToV1([
        { op: 'add', path: ENT, value: { costCenter: '4130' } },
        { op: 'replace', path: `${BADGE_SCHEMA}:badgeNumber`, value: 'B-18' },
      ]),
    ).toEqual({
      schemas: [SCIM_V1_CORE_SCHEMA, SCIM_V1_ENTERPRISE_SCHEMA, BADGE_SCHEMA],
      [SCIM_V1_ENTERPRISE_SCHEMA]: { costCenter: '4130' },
      [BADGE_SCHEMA]: { badgeNumber: 'B-18' },
    });
  });
});

describe('patchRequestToV1: keeping 2.0 operation order in a 1.1 body', () => {
  it('a remove after an add of the same attribute wins', () => {
    expect(
      patchRequestToV1([
        { op: 'add', path: 'emails', value: [{ value: 'a@example.com' }] },
        { op: 'replace', path: 'nickName', value: 'B' },
        { op: 'remove', path: 'emails' },
        { op: 'remove', path: 'nickName' },
      ]),
    ).toEqual({ schemas: CORE, meta: { attributes: ['emails', 'nickName'] } });
  });

  it('an add after a remove is sent after the clear', () => {
    expect(
      patchRequestToV1([
        { op: 'remove', path: 'emails' },
        { op: 'add', path: 'emails', value: [{ value: 'b@example.com' }] },
      ]),
    ).toEqual({ schemas: CORE, emails: [{ value: 'b@example.com' }], meta: { attributes: ['emails'] } });
  });

  it('a delete cancels an earlier add of the same value, and an add an earlier delete', () => {
    expect(
      patchRequestToV1([
        { op: 'add', path: 'members', value: [{ value: 'u1' }, { value: 'u2' }] },
        { op: 'remove', path: 'members[value eq "u1"]' },
        { op: 'remove', path: 'members[value eq "u3"]' },
        { op: 'add', path: 'members', value: [{ value: 'u3', display: 'Three' }] },
      ]),
    ).toEqual({
      schemas: CORE,
      members: [{ value: 'u2' }, { value: 'u1', operation: 'delete' }, { value: 'u3', display: 'Three' }],
    });
  });

  it('a full replace discards earlier adds to the attribute', () => {
    expect(
      patchRequestToV1([
        { op: 'add', path: 'emails', value: [{ value: 'a@example.com' }] },
        { op: 'replace', path: 'emails', value: [{ value: 'b@example.com' }] },
        { op: 'remove', path: 'emails[value eq "b@example.com"]' },
        { op: 'add', path: 'emails', value: [{ value: 'c@example.com' }] },
      ]),
    ).toEqual({ schemas: CORE, emails: [{ value: 'c@example.com' }], meta: { attributes: ['emails'] } });
  });

  it('a sub-attribute remove after a set of it clears it instead', () => {
    expect(
      patchRequestToV1([
        { op: 'replace', path: 'name.givenName', value: 'B' },
        { op: 'replace', path: 'name.familyName', value: 'J' },
        { op: 'remove', path: 'name.givenName' },
      ]),
    ).toEqual({ schemas: CORE, name: { familyName: 'J' }, meta: { attributes: ['name.givenName'] } });
  });
});

describe('1.1 PATCH → 2.0 operations → 1.1 PATCH', () => {
  it('gives back the original body', () => {
    const body = {
      schemas: [SCIM_V1_CORE_SCHEMA, SCIM_V1_ENTERPRISE_SCHEMA],
      title: 'Lead Guide',
      name: { givenName: 'Barbara' },
      emails: [
        { value: 'old@example.com', type: 'work', operation: 'delete' },
        { value: 'new@example.com', type: 'work', primary: true },
      ],
      [SCIM_V1_ENTERPRISE_SCHEMA]: { manager: { managerId: 'm9' } },
      meta: { attributes: ['nickName', 'urn:scim:schemas:extension:enterprise:1.0:costCenter'] },
    };
    expect(patchRequestToV1(patchRequestFromV1(body))).toEqual(body);
  });
});
