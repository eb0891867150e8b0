import { describe, expect, it } from '@jest/globals';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '@idsync/scim';
import { withoutClearedValues } from './without-cleared-values.js';

describe('withoutClearedValues', () => {
  it('leaves out attributes and sub-attributes that were cleared', () => {
    expect(
      withoutClearedValues({
        schemas: [USER_SCHEMA],
        userName: 'ada',
        title: null,
        name: { givenName: 'Ada', familyName: null },
      }),
    ).toEqual({
      schemas: [USER_SCHEMA],
      userName: 'ada',
      name: { givenName: 'Ada' },
    });
  });

  it('sends no element for a typed element whose mapping yields nothing, and keeps the others', () => {
    const created = withoutClearedValues({
      schemas: [USER_SCHEMA],
      userName: 'ada',
      emails: [
        { type: 'work', value: null, primary: true },
        { type: 'home', value: 'ada@home.example' },
      ],
      phoneNumbers: [{ type: 'mobile', value: null }],
    });
    expect(created).toEqual({
      schemas: [USER_SCHEMA],
      userName: 'ada',
      emails: [{ type: 'home', value: 'ada@home.example' }],
    });
  });

  it('drops an extension left empty, with its URN, and cleans nested values inside one', () => {
    const created = withoutClearedValues({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, 'urn:acme:params:scim:schemas:extension:2.0:User'],
      userName: 'ada',
      [ENTERPRISE_USER_SCHEMA]: { department: null, manager: { value: null } },
      'urn:acme:params:scim:schemas:extension:2.0:User': {
        costCenter: 'CC-7',
        badges: [{ type: 'door', value: null }],
      },
    });
    expect(created).toEqual({
      schemas: [USER_SCHEMA, 'urn:acme:params:scim:schemas:extension:2.0:User'],
      userName: 'ada',
      'urn:acme:params:scim:schemas:extension:2.0:User': { costCenter: 'CC-7' },
    });
  });
});
