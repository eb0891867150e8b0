import { describe, expect, it } from '@jest/globals';
import { apply } from './test-fixtures/patch-helpers.js';
import { sampleUser } from './test-fixtures/sample-resources.js';
import { ENTERPRISE_USER_SCHEMA, TEST_EXTENSION, USER_SCHEMA } from './test-fixtures/test-registry.js';

const ENTERPRISE = ENTERPRISE_USER_SCHEMA;

describe('applyPatch: sub-attributes of complex attributes', () => {
  it('replaces name.givenName and keeps the other name parts', () => {
    const { resource } = apply(sampleUser(), [{ op: 'replace', path: 'name.givenName', value: 'Barb' }]);
    expect(resource.name).toEqual({ familyName: 'Jensen', givenName: 'Barb', middleName: 'Jane' });
  });

  it('creates the complex attribute when adding a sub-attribute to an absent one', () => {
    const user = sampleUser();
    delete user.name;
    const { resource } = apply(user, [{ op: 'add', path: 'name.familyName', value: 'Jensen' }]);
    expect(resource.name).toEqual({ familyName: 'Jensen' });
  });

  it('merges sub-attributes on add/replace of the complex attribute (unspecified ones are left unchanged)', () => {
    const { resource } = apply(sampleUser(), [
      { op: 'replace', path: 'name', value: { givenName: 'Barb', honorificPrefix: 'Ms.' } },
    ]);
    expect(resource.name).toEqual({
      familyName: 'Jensen',
      givenName: 'Barb',
      middleName: 'Jane',
      honorificPrefix: 'Ms.',
    });
  });

  it('removes a sub-attribute, and the complex attribute once it is empty', () => {
    const once = apply(sampleUser(), [{ op: 'remove', path: 'name.middleName' }]).resource;
    expect(once.name).toEqual({ familyName: 'Jensen', givenName: 'Barbara' });
    const all = apply(sampleUser(), [
      { op: 'remove', path: 'name.middleName' },
      { op: 'remove', path: 'name.givenName' },
      { op: 'remove', path: 'NAME.FAMILYNAME' },
    ]).resource;
    expect(all).not.toHaveProperty('name');
  });

  it('stores attributes under the schema spelling whatever case the client uses', () => {
    const user = { ...sampleUser(), NickName: 'Babs' };
    delete (user as Record<string, unknown>).nickName;
    const { resource } = apply(user, [
      { op: 'replace', path: 'NICKNAME', value: 'Barbie' },
      { op: 'add', path: 'Name.GivenName', value: 'B' },
    ]);
    expect(resource.nickName).toBe('Barbie');
    expect(resource).not.toHaveProperty('NickName');
    expect(resource.name).toEqual({ familyName: 'Jensen', givenName: 'B', middleName: 'Jane' });
  });
});

describe('applyPatch: extension attributes', () => {
  it('sets an extension attribute by URN-qualified path', () => {
    const { resource } = apply(sampleUser(), [
      { op: 'replace', path: `${ENTERPRISE}:department`, value: 'Sales' },
    ]);
    expect((resource[ENTERPRISE] as Record<string, unknown>).department).toBe('Sales');
  });

  it('sets a sub-attribute of an extension attribute (manager.value)', () => {
    const { resource } = apply(sampleUser(), [
      { op: 'replace', path: `${ENTERPRISE}:manager.value`, value: 'boss-2' },
    ]);
    expect((resource[ENTERPRISE] as Record<string, unknown>).manager).toEqual({
      value: 'boss-2',
      displayName: 'John Smith',
    });
  });

  it('resolves an unqualified extension attribute name within the scope', () => {
    const { resource } = apply(sampleUser(), [{ op: 'replace', path: 'costCenter', value: '9' }]);
    expect((resource[ENTERPRISE] as Record<string, unknown>).costCenter).toBe('9');
    expect(resource).not.toHaveProperty('costCenter');
  });

  it('adds the extension URN to schemas when the first extension attribute is added', () => {
    const { resource, changed } = apply(sampleUser(), [
      { op: 'add', path: `${TEST_EXTENSION}:badgeNumber`, value: 42 },
    ]);
    expect(changed).toBe(true);
    expect(resource[TEST_EXTENSION]).toEqual({ badgeNumber: 42 });
    expect(resource.schemas).toEqual([USER_SCHEMA, ENTERPRISE, TEST_EXTENSION]);
  });

  it('drops the extension and its URN from schemas when its last attribute is removed', () => {
    const user = { ...sampleUser(), [ENTERPRISE]: { department: 'Ops' } };
    const { resource } = apply(user, [{ op: 'remove', path: `${ENTERPRISE}:department` }]);
    expect(resource).not.toHaveProperty(ENTERPRISE);
    expect(resource.schemas).toEqual([USER_SCHEMA]);
  });

  it('takes a path that is just an extension URN: add merges the object, remove clears the extension', () => {
    const added = apply(sampleUser(), [
      { op: 'add', path: ENTERPRISE, value: { division: 'West', department: 'Sales' } },
    ]).resource;
    expect(added[ENTERPRISE]).toEqual({
      employeeNumber: '701984',
      costCenter: '4130',
      department: 'Sales',
      division: 'West',
      manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d', displayName: 'John Smith' },
    });
    const removed = apply(sampleUser(), [{ op: 'remove', path: ENTERPRISE }]).resource;
    expect(removed).not.toHaveProperty(ENTERPRISE);
    expect(removed.schemas).toEqual([USER_SCHEMA]);
  });

  it('accepts extension objects, URN-qualified keys and dotted keys in a path-less value', () => {
    const { resource } = apply(sampleUser(), [
      {
        op: 'replace',
        value: {
          schemas: ['ignored'],
          [`${ENTERPRISE}:employeeNumber`]: '42',
          [TEST_EXTENSION]: { tags: ['a', 'b'] },
          'name.givenName': 'Barb',
          [`${USER_SCHEMA}:title`]: 'Guide',
        },
      },
    ]);
    expect((resource[ENTERPRISE] as Record<string, unknown>).employeeNumber).toBe('42');
    expect(resource[TEST_EXTENSION]).toEqual({ tags: ['a', 'b'] });
    expect((resource.name as Record<string, unknown>).givenName).toBe('Barb');
    expect(resource.title).toBe('Guide');
    expect(resource.schemas).toEqual([USER_SCHEMA, ENTERPRISE, TEST_EXTENSION]);
  });

  it('finds an extension object stored under a differently cased URN key', () => {
    const user = sampleUser();
    const enterprise = user[ENTERPRISE];
    delete user[ENTERPRISE];
    user[ENTERPRISE.toLowerCase()] = enterprise;
    const { resource } = apply(user, [{ op: 'replace', path: `${ENTERPRISE}:department`, value: 'Sales' }]);
    expect((resource[ENTERPRISE] as Record<string, unknown>).department).toBe('Sales');
    expect(resource).not.toHaveProperty(ENTERPRISE.toLowerCase());
  });
});

describe('applyPatch: values and the changed flag', () => {
  it('null in add/replace means unassigned', () => {
    const { resource } = apply(sampleUser(), [
      { op: 'replace', path: 'nickName', value: null },
      { op: 'replace', value: { displayName: null } },
      { op: 'add', path: 'name', value: { middleName: null } },
    ]);
    expect(resource).not.toHaveProperty('nickName');
    expect(resource).not.toHaveProperty('displayName');
    expect(resource.name).toEqual({ familyName: 'Jensen', givenName: 'Barbara' });
  });

  it('reports changed false when the operations leave the resource as it was', () => {
    const { changed, resource } = apply(sampleUser(), [
      { op: 'replace', path: 'nickName', value: 'Babs' },
      { op: 'add', path: 'emails', value: [{ value: 'babs@jensen.org', type: 'home' }] },
      { op: 'replace', path: 'name.givenName', value: 'Barbara' },
    ]);
    expect(changed).toBe(false);
    expect(resource).toEqual(sampleUser());
  });

  it('reports changed true when a value changes only in case', () => {
    expect(apply(sampleUser(), [{ op: 'replace', path: 'nickName', value: 'BABS' }]).changed).toBe(true);
  });

  it('never modifies its input and returns a new object', () => {
    const input = sampleUser();
    const { resource } = apply(input, [
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'x@example.com' },
      { op: 'replace', path: `${ENTERPRISE}:manager.value`, value: 'm' },
      { op: 'remove', path: 'name.middleName' },
    ]);
    expect(input).toEqual(sampleUser());
    expect(resource).not.toBe(input);
  });

  it('does not alias request values: a later operation does not write into an earlier value', () => {
    const value = { givenName: 'A' };
    const { resource } = apply(sampleUser(), [
      { op: 'replace', path: 'name', value },
      { op: 'replace', path: 'name.givenName', value: 'B' },
    ]);
    expect(value).toEqual({ givenName: 'A' });
    expect((resource.name as Record<string, unknown>).givenName).toBe('B');
  });
});
