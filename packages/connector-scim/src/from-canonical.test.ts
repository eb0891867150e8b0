import { describe, expect, it } from '@jest/globals';
import { ConnectorError } from '@idsync/core';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from '@idsync/scim';
import { fromCanonical } from './from-canonical.js';
import { AWS_IDENTITY_CENTER_PRESET } from './presets/aws-identity-center-preset.js';
import { GENERIC_PRESET } from './presets/generic-preset.js';
import { toCanonical } from './to-canonical.js';

const generic = { version: '2.0', preset: GENERIC_PRESET } as const;
const aws = { version: '2.0', preset: AWS_IDENTITY_CENTER_PRESET } as const;

function invalid(body: () => unknown): ConnectorError {
  try {
    body();
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('invalid');
    return error as ConnectorError;
  }
  throw new Error('expected ConnectorError invalid');
}

describe('fromCanonical', () => {
  it('drops what the server owns and what membership operations manage', () => {
    const user = fromCanonical(
      'User',
      {
        schemas: [USER_SCHEMA],
        id: '1',
        meta: { version: 'W/"1"' },
        userName: 'ada',
        groups: [{ value: 'g' }],
      },
      generic,
    );
    expect(user).toEqual({ schemas: [USER_SCHEMA], userName: 'ada' });
    const group = fromCanonical(
      'Group',
      { schemas: [GROUP_SCHEMA], displayName: 'Ops', members: [{ value: '1' }] },
      generic,
    );
    expect(group).toEqual({ schemas: [GROUP_SCHEMA], displayName: 'Ops' });
  });

  it('declares the core schema when the resource forgot it', () => {
    expect(
      fromCanonical('User', { schemas: [ENTERPRISE_USER_SCHEMA], userName: 'a' }, generic).schemas,
    ).toEqual([USER_SCHEMA, ENTERPRISE_USER_SCHEMA]);
  });

  it('refuses a user without userName before any request', () => {
    expect(
      invalid(() => fromCanonical('User', { schemas: [USER_SCHEMA], displayName: 'A' }, generic)).message,
    ).toContain('userName');
  });

  it('AWS: names every missing required attribute', () => {
    const error = invalid(() =>
      fromCanonical('User', { schemas: [USER_SCHEMA], userName: 'ada', name: { givenName: 'Ada' } }, aws),
    );
    expect(error.message).toContain(
      'The aws-identity-center target requires displayName, name.familyName for every User',
    );
  });

  it('AWS: keeps one email, phone and address (the primary), drops what AWS does not take', () => {
    const body = fromCanonical(
      'User',
      {
        schemas: [USER_SCHEMA],
        userName: 'ada',
        displayName: 'Ada L',
        name: { givenName: 'Ada', familyName: 'L' },
        emails: [
          { value: 'home@x.test', type: 'home' },
          { value: 'work@x.test', type: 'work', primary: true },
        ],
        photos: [{ value: 'https://x.test/p.png' }],
        password: 'pw',
      },
      aws,
    );
    expect(body.emails).toEqual([{ value: 'work@x.test', type: 'work', primary: true }]);
    expect(body.photos).toBeUndefined();
    expect(body.password).toBeUndefined();
  });

  it('writes SCIM 1.1 for a 1.1 target', () => {
    const body = fromCanonical(
      'User',
      {
        schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
        userName: 'ada',
        [ENTERPRISE_USER_SCHEMA]: { manager: { value: 'm1' } },
      },
      { version: '1.1', preset: GENERIC_PRESET },
    );
    expect(body.schemas).toEqual(['urn:scim:schemas:core:1.0', 'urn:scim:schemas:extension:enterprise:1.0']);
    expect(body['urn:scim:schemas:extension:enterprise:1.0']).toEqual({ manager: { managerId: 'm1' } });
  });
});

describe('toCanonical', () => {
  it('reports a 1.1 resource in 2.0 form with its id as remote id', () => {
    const object = toCanonical(
      'User',
      { schemas: ['urn:scim:schemas:core:1.0'], id: 42, userName: 'ada', active: 'true' },
      '1.1',
    );
    expect(object.remoteId).toBe('42');
    expect(object.resource).toMatchObject({
      schemas: [USER_SCHEMA],
      id: '42',
      userName: 'ada',
      active: true,
    });
  });

  it('leaves out group members and passwords', () => {
    const group = toCanonical('Group', { id: 'g', displayName: 'Ops', members: [{ value: '1' }] }, '2.0');
    expect(group.resource).toEqual({ schemas: [GROUP_SCHEMA], id: 'g', displayName: 'Ops' });
    const kept = toCanonical('Group', { id: 'g', displayName: 'Ops', members: [{ value: '1' }] }, '2.0', {
      keepMembers: true,
    });
    expect(kept.resource.members).toEqual([{ value: '1' }]);
    expect(
      toCanonical('User', { id: 'u', userName: 'a', password: 'p' }, '2.0').resource.password,
    ).toBeUndefined();
  });

  it('refuses a resource without id', () => {
    invalid(() => toCanonical('User', { userName: 'ada' }, '2.0'));
    invalid(() => toCanonical('User', 'text', '2.0'));
  });
});
